#pragma once

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace preamp::dsp {

/// For its lifetime, flushes denormal results and operands to zero on this thread
/// (x86 MXCSR FTZ|DAZ, AArch64 FPCR FZ), then restores the caller's mode. One register
/// write each way: no syscall. The AArch64 ones clobber "memory", so that the compiler
/// moves no load or store of the samples out of the scope. A CPU without a path here keeps
/// denormals (the unit test float_environment fails there, as it should).
class FloatEnvironment {
public:
    FloatEnvironment() noexcept {
#if defined(__SSE__)
        saved_ = _mm_getcsr();
        _mm_setcsr(saved_ | 0x8040u); // FTZ (bit 15) | DAZ (bit 6)
#elif defined(__aarch64__)
        __asm__ __volatile__("mrs %0, fpcr" : "=r"(saved_)::"memory");
        __asm__ __volatile__("msr fpcr, %0" ::"r"(saved_ | (1ull << 24)) : "memory"); // FZ (bit 24)
#endif
    }
    ~FloatEnvironment() {
#if defined(__SSE__)
        _mm_setcsr(saved_);
#elif defined(__aarch64__)
        __asm__ __volatile__("msr fpcr, %0" ::"r"(saved_) : "memory");
#endif
    }
    FloatEnvironment(const FloatEnvironment&) = delete;
    FloatEnvironment& operator=(const FloatEnvironment&) = delete;

private:
#if defined(__aarch64__)
    unsigned long long saved_ = 0;
#else
    unsigned saved_ = 0;
#endif
};

} // namespace preamp::dsp
