#pragma once

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace preamp::dsp {

/// For its lifetime, flushes denormal results and operands to zero on this thread
/// (x86 MXCSR FTZ|DAZ, AArch64 FPCR FZ), then restores the caller's mode. One register
/// write each way: no syscall.
class FloatEnvironment {
public:
    FloatEnvironment() noexcept {
#if defined(__SSE__)
        saved_ = _mm_getcsr();
        _mm_setcsr(saved_ | 0x8040u); // FTZ (bit 15) | DAZ (bit 6)
#elif defined(__aarch64__)
        __asm__ __volatile__("mrs %0, fpcr" : "=r"(saved_));
        __asm__ __volatile__("msr fpcr, %0" ::"r"(saved_ | (1ull << 24)));
#endif
    }
    ~FloatEnvironment() {
#if defined(__SSE__)
        _mm_setcsr(saved_);
#elif defined(__aarch64__)
        __asm__ __volatile__("msr fpcr, %0" ::"r"(saved_));
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
