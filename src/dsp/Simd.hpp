#pragma once

// Hot loops are compiled twice, for baseline x86-64 and for x86-64-v3 (AVX2 + FMA);
// the dynamic linker picks one when the program loads, never on the RT thread.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define PREAMP_HOT __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define PREAMP_HOT
#endif

/// For helpers of the hot loops: inlined into each clone, so vector values never cross
/// a call between code built for different instruction sets.
#define PREAMP_INLINE __attribute__((always_inline)) inline

namespace preamp::dsp {

/// Four doubles, as one AVX register or two SSE2 ones (GCC/Clang vector extension).
typedef double v4d __attribute__((vector_size(32)));

} // namespace preamp::dsp

namespace preamp::dsp {

/// Eight floats and their bit patterns.
typedef float v8f __attribute__((vector_size(32), aligned(4)));
typedef int v8i __attribute__((vector_size(32), aligned(4)));

} // namespace preamp::dsp
