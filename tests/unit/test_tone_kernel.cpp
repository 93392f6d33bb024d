// The four-frame state-space kernel against a plain TDF2 cascade in double, for every
// instruction set this CPU has, every stage count, and lengths that leave a tail.

#include "dsp/ToneKernel.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <random>
#include <vector>

using namespace preamp::dsp;

namespace {

using Stages = std::array<Biquad, ToneKernel::kMaxStages>;

// Shelves and peaks, as the tone and loudness stages are.
Stages shelves(unsigned active, std::mt19937& rng) {
    std::uniform_real_distribution<double> gain(-12, 12);
    Stages s{};
    const double f0[] = {100, 10000, 60, 12000, 200, 3000};
    for (unsigned i = 0; i < active; ++i)
        s[i] = i >= 4  ? Biquad::peaking(48000, f0[i], 0.7, gain(rng))
               : i % 2 ? Biquad::high_shelf(48000, f0[i], gain(rng))
                       : Biquad::low_shelf(48000, f0[i], gain(rng));
    return s;
}

// y = the cascade of `s` over x, in double, from rest.
std::vector<double> reference(const Stages& s, const std::vector<float>& x) {
    std::vector<double> y(x.begin(), x.end());
    for (const Biquad& q : s) {
        double s1 = 0, s2 = 0;
        for (double& v : y) {
            const double out = q.b0 * v + s1;
            s1 = q.b1 * v - q.a1 * out + s2;
            s2 = q.b2 * v - q.a2 * out;
            v = out;
        }
    }
    return y;
}

void expect_close(const std::vector<float>& got, const std::vector<double>& want,
                  const char* what) {
    double worst = 0;
    for (std::size_t n = 0; n < got.size(); ++n)
        worst = std::max(worst, std::fabs(got[n] - want[n]));
    EXPECT_LT(worst, 2e-6) << what;
}

class ToneKernelTest : public ::testing::TestWithParam<Isa> {};

} // namespace

TEST_P(ToneKernelTest, MatchesTheDirectFormCascade) {
    const Isa isa = GetParam();
    if (isa > best_isa())
        GTEST_SKIP() << "this CPU lacks the instruction set (AVX2 and AVX-512 are x86-64's: "
                        "elsewhere the portable baseline alone runs)";
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> sample(-0.5f, 0.5f);
    for (unsigned active = 1; active <= ToneKernel::kMaxStages; ++active) {
        const auto s = shelves(active, rng);
        const ToneKernel k = ToneKernel::design(s, isa);
        ASSERT_EQ(k.isa, isa);
        ASSERT_EQ(k.stages, active);
        std::vector<float> a(4099), b(4099);
        for (auto& v : a)
            v = sample(rng);
        for (auto& v : b)
            v = sample(rng);
        const auto want_a = reference(s, a), want_b = reference(s, b);
        auto one = a;
        alignas(32) double st[ToneKernel::kMaxStates]{};
        // Uneven pieces: every pass ends with a tail the TDF2 loop finishes.
        for (std::size_t at = 0, n = 1; at < one.size(); at += n, n = n * 3 % 1031 + 1)
            k.run(one.data() + at, static_cast<std::uint32_t>(std::min(n, one.size() - at)), st);
        expect_close(one, want_a, "one channel");
        alignas(32) double s0[ToneKernel::kMaxStates]{}, s1[ToneKernel::kMaxStates]{};
        for (std::size_t at = 0, n = 5; at < a.size(); at += n, n = n * 7 % 1023 + 1) {
            const auto m = static_cast<std::uint32_t>(std::min(n, a.size() - at));
            k.run2(a.data() + at, b.data() + at, m, s0, s1);
        }
        expect_close(a, want_a, "first of two channels");
        expect_close(b, want_b, "second of two channels");
    }
}

TEST(ToneKernel, AnIsaTheCpuLacksIsLowered) {
    const auto k = ToneKernel::design({Biquad::low_shelf(48000, 100, 3)}, Isa::avx512);
    EXPECT_LE(k.isa, best_isa());
}

INSTANTIATE_TEST_SUITE_P(Isas, ToneKernelTest,
                         ::testing::Values(Isa::baseline, Isa::avx2, Isa::avx512));
