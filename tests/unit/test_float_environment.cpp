// dsp::FloatEnvironment on the CPU it runs on (x86-64: MXCSR FTZ|DAZ; AArch64: FPCR FZ):
// denormal results and operands are zero inside its scope, and the caller's mode is back
// after it. The same test runs on both (the arm64 build runs it under qemu-user).

#include "dsp/FloatEnvironment.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>

using preamp::dsp::FloatEnvironment;

namespace {

// Every operand is read from, and every result written to, a volatile: the compiler can
// neither fold the arithmetic nor move it across the mode switches.
volatile float smallest_normal = std::numeric_limits<float>::min();
volatile float half = 0.5f;
volatile float big = 1048576.0f; // 2^20
volatile double smallest_normal_d = std::numeric_limits<double>::min();
volatile double half_d = 0.5;

// The smallest normal float halved: a denormal unless results are flushed.
float denormal_result() {
    volatile float r = smallest_normal * half;
    return r;
}
double denormal_result_d() {
    volatile double r = smallest_normal_d * half_d;
    return r;
}
// A denormal operand made big: 2^-127 · 2^20, a normal number unless operands are flushed.
float scaled(float denormal) {
    volatile float d = denormal;
    volatile float r = d * big;
    return r;
}

} // namespace

TEST(FloatEnvironment, OutsideItDenormalsAreKept) {
    EXPECT_EQ(std::fpclassify(denormal_result()), FP_SUBNORMAL);
    EXPECT_EQ(std::fpclassify(denormal_result_d()), FP_SUBNORMAL);
    EXPECT_EQ(scaled(denormal_result()), std::ldexp(1.0f, -107));
}

TEST(FloatEnvironment, InsideItDenormalResultsAreZero) {
    const FloatEnvironment flush;
    EXPECT_EQ(denormal_result(), 0.0f);
    EXPECT_FALSE(std::signbit(denormal_result()));
    EXPECT_EQ(denormal_result_d(), 0.0) << "doubles too: the tone kernel's state is double";
}

TEST(FloatEnvironment, InsideItDenormalOperandsAreZero) {
    const float denormal = denormal_result(); // made before the scope
    ASSERT_EQ(std::fpclassify(denormal), FP_SUBNORMAL);
    const FloatEnvironment flush;
    EXPECT_EQ(scaled(denormal), 0.0f);
}

TEST(FloatEnvironment, TheCallersModeComesBackNestedOrNot) {
    {
        const FloatEnvironment outer;
        {
            const FloatEnvironment inner;
            EXPECT_EQ(denormal_result(), 0.0f);
        }
        EXPECT_EQ(denormal_result(), 0.0f) << "the inner scope's end kept the outer's mode";
    }
    EXPECT_EQ(std::fpclassify(denormal_result()), FP_SUBNORMAL);
    EXPECT_EQ(std::fpclassify(denormal_result_d()), FP_SUBNORMAL);
}
