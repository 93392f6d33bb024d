// The tone kernel's run loops, on the RT thread: the four-frame step for each instruction
// set, and the direct form for what is left of a period. ToneKernelDesign.cpp makes the
// matrices on the main thread.

#include "ToneKernel.hpp"

#include "Simd.hpp"

#include <algorithm>
#include <cstring>

namespace preamp::dsp {
namespace {

constexpr unsigned K = ToneKernel::kStep;

// TDF2 cascade for the frames that do not fill a step, on the kernel's own state.
void tail(const ToneKernel& k, float* x, std::uint32_t frames, double* st) noexcept {
    for (std::uint32_t i = 0; i < frames; ++i) {
        double v = static_cast<double>(x[i]);
        for (unsigned j = 0; j < k.stages; ++j) {
            const Biquad& q = k.stage[j];
            double& s1 = st[2 * j];
            double& s2 = st[2 * j + 1];
            const double y = q.b0 * v + s1;
            s1 = q.b1 * v - q.a1 * y + s2;
            s2 = q.b2 * v - q.a2 * y;
            v = y;
        }
        x[i] = static_cast<float>(v);
    }
}

PREAMP_INLINE v4d load4(const double* p) noexcept {
    v4d v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

typedef float v4f __attribute__((vector_size(16), aligned(4)));

// Used by the AVX kernels below only, which clang does not build (PREAMP_WIDE is GCC's):
// unused there, which clang reports (-Wunneeded-internal-declaration).
[[maybe_unused]] PREAMP_INLINE v4d widen(const float* x) noexcept {
    v4f v;
    std::memcpy(&v, x, sizeof v);
    return __builtin_convertvector(v, v4d);
}

[[maybe_unused]] PREAMP_INLINE void narrow(v4d y, float* x) noexcept {
    const v4f v = __builtin_convertvector(y, v4f);
    std::memcpy(x, &v, sizeof v);
}

// Lanes of one channel (V = v4d) or of two channels side by side (V = v8d: first
// channel in elements 0-3, second in 4-7). The state is H groups of four.
template <class V>
struct Wide;

template <>
struct Wide<v4d> {
    PREAMP_INLINE static v4d column(const double* p) noexcept { return load4(p); }
    template <unsigned I>
    PREAMP_INLINE static v4d spread(v4d v) noexcept {
        return v4d{} + v[I];
    }
};

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define PREAMP_WIDE 1
typedef double v8d __attribute__((vector_size(64)));

template <>
struct Wide<v8d> {
    PREAMP_INLINE static v8d column(const double* p) noexcept {
        const v4d h = load4(p);
        return __builtin_shufflevector(h, h, 0, 1, 2, 3, 0, 1, 2, 3);
    }
    template <unsigned I>
    PREAMP_INLINE static v8d spread(v8d v) noexcept {
        return __builtin_shufflevector(v, v, I, I, I, I, I + 4, I + 4, I + 4, I + 4);
    }
};
#endif

template <class V, unsigned H>
struct Lanes {
    using W = Wide<V>;
    V s[H];
    // The kernel's columns, widened once, outside the sample loop.
    V d[K], b[K][H], c[4 * H], a[4 * H][H];

    PREAMP_INLINE Lanes(const ToneKernel& k, V (&initial)[H]) noexcept {
        for (unsigned h = 0; h < H; ++h)
            s[h] = initial[h];
        for (unsigned i = 0; i < K; ++i) {
            d[i] = W::column(k.d[i]);
            for (unsigned h = 0; h < H; ++h)
                b[i][h] = W::column(k.b[i] + 4 * h);
        }
        for (unsigned m = 0; m < 4 * H; ++m) {
            c[m] = W::column(k.c[m]);
            for (unsigned h = 0; h < H; ++h)
                a[m][h] = W::column(k.a[m] + 4 * h);
        }
    }

    // y = C s + D x; s = A s + B x. The terms of each sum are gathered in two
    // independent chains (even and odd states) so the feedback path stays short.
    template <unsigned I>
    PREAMP_INLINE void input(V x, V& y, V (&n)[H]) const noexcept {
        const V xi = W::template spread<I>(x);
        y += d[I] * xi;
        for (unsigned h = 0; h < H; ++h)
            n[h] += b[I][h] * xi;
    }
    template <unsigned I>
    PREAMP_INLINE void state(unsigned g, V& y, V (&n)[H]) const noexcept {
        const V sm = W::template spread<I>(s[g]);
        y += c[4 * g + I] * sm;
        for (unsigned h = 0; h < H; ++h)
            n[h] += a[4 * g + I][h] * sm;
    }
    PREAMP_INLINE V step(V x) noexcept {
        V y0{}, y1{}, n0[H]{}, n1[H]{};
        input<0>(x, y0, n0);
        input<1>(x, y1, n1);
        input<2>(x, y0, n0);
        input<3>(x, y1, n1);
        for (unsigned g = 0; g < H; ++g) {
            state<0>(g, y0, n0);
            state<1>(g, y1, n1);
            state<2>(g, y0, n0);
            state<3>(g, y1, n1);
        }
        for (unsigned h = 0; h < H; ++h)
            s[h] = n0[h] + n1[h];
        return y0 + y1;
    }
};

// The loops, written once; each wrapper below compiles them for one instruction set.
template <unsigned H>
PREAMP_INLINE void one_channel(const ToneKernel& k, float* x, std::uint32_t blocks,
                               double* st) noexcept {
    v4d init[H];
    for (unsigned h = 0; h < H; ++h)
        init[h] = load4(st + 4 * h);
    Lanes<v4d, H> l(k, init);
    for (std::uint32_t i = 0; i < blocks; ++i, x += K)
        narrow(l.step(widen(x)), x);
    for (unsigned h = 0; h < H; ++h)
        std::memcpy(st + 4 * h, &l.s[h], sizeof(v4d));
}

template <unsigned H>
PREAMP_INLINE void two_channels(const ToneKernel& k, float* x0, float* x1, std::uint32_t blocks,
                                double* st0, double* st1) noexcept {
    v4d i0[H], i1[H];
    for (unsigned h = 0; h < H; ++h) {
        i0[h] = load4(st0 + 4 * h);
        i1[h] = load4(st1 + 4 * h);
    }
    Lanes<v4d, H> l0(k, i0), l1(k, i1);
    for (std::uint32_t i = 0; i < blocks; ++i, x0 += K, x1 += K) {
        const v4d y0 = l0.step(widen(x0));
        const v4d y1 = l1.step(widen(x1));
        narrow(y0, x0);
        narrow(y1, x1);
    }
    for (unsigned h = 0; h < H; ++h) {
        std::memcpy(st0 + 4 * h, &l0.s[h], sizeof(v4d));
        std::memcpy(st1 + 4 * h, &l1.s[h], sizeof(v4d));
    }
}

using OneFn = void (*)(const ToneKernel&, float*, std::uint32_t, double*) noexcept;
using TwoFn = void (*)(const ToneKernel&, float*, float*, std::uint32_t, double*, double*) noexcept;

// Without AVX the four-frame step costs more than it saves (generic 256-bit vectors
// split into SSE2 halves): the baseline runs the direct form, which shares its state.
template <unsigned>
void one_baseline(const ToneKernel& k, float* x, std::uint32_t blocks, double* st) noexcept {
    tail(k, x, blocks * K, st);
}
template <unsigned>
void two_baseline(const ToneKernel& k, float* x0, float* x1, std::uint32_t blocks, double* s0,
                  double* s1) noexcept {
    tail(k, x0, blocks * K, s0);
    tail(k, x1, blocks * K, s1);
}

#if PREAMP_WIDE
template <unsigned H>
__attribute__((target("arch=x86-64-v3"))) void one_avx2(const ToneKernel& k, float* x,
                                                        std::uint32_t n, double* st) noexcept {
    one_channel<H>(k, x, n, st);
}
template <unsigned H>
__attribute__((target("arch=x86-64-v3"))) void two_avx2(const ToneKernel& k, float* x0, float* x1,
                                                        std::uint32_t n, double* s0,
                                                        double* s1) noexcept {
    two_channels<H>(k, x0, x1, n, s0, s1);
}

// Two channels in one 512-bit register: half the instructions of two_channels.
template <unsigned H>
__attribute__((target("arch=x86-64-v4"))) void two_avx512(const ToneKernel& k, float* x0, float* x1,
                                                          std::uint32_t blocks, double* st0,
                                                          double* st1) noexcept {
    v8d init[H];
    for (unsigned h = 0; h < H; ++h) {
        const v4d a = load4(st0 + 4 * h), b = load4(st1 + 4 * h);
        init[h] = __builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7);
    }
    Lanes<v8d, H> l(k, init);
    for (std::uint32_t i = 0; i < blocks; ++i, x0 += K, x1 += K) {
        const v4d a = widen(x0), b = widen(x1);
        const v8d y = l.step(__builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7));
        narrow(__builtin_shufflevector(y, y, 0, 1, 2, 3), x0);
        narrow(__builtin_shufflevector(y, y, 4, 5, 6, 7), x1);
    }
    for (unsigned h = 0; h < H; ++h) {
        const v4d a = __builtin_shufflevector(l.s[h], l.s[h], 0, 1, 2, 3);
        const v4d b = __builtin_shufflevector(l.s[h], l.s[h], 4, 5, 6, 7);
        std::memcpy(st0 + 4 * h, &a, sizeof a);
        std::memcpy(st1 + 4 * h, &b, sizeof b);
    }
}
#endif

// [isa][H - 1]; an ISA without a kernel of its own uses the one below it. Five or six
// stages (H = 3) run the direct form everywhere: GCC 12's code for the twelve-state step
// was slower than it (tests/bench/bench_tone_kernel, 6 stages).
constexpr OneFn kOne[3][3] = {
    {one_baseline<1>, one_baseline<2>, one_baseline<3>},
#if PREAMP_WIDE
    {one_avx2<1>, one_avx2<2>, one_baseline<3>},
    {one_avx2<1>, one_avx2<2>, one_baseline<3>},
#else
    {one_baseline<1>, one_baseline<2>, one_baseline<3>},
    {one_baseline<1>, one_baseline<2>, one_baseline<3>},
#endif
};
constexpr TwoFn kTwo[3][3] = {
    {two_baseline<1>, two_baseline<2>, two_baseline<3>},
#if PREAMP_WIDE
    {two_avx2<1>, two_avx2<2>, two_baseline<3>},
    {two_avx512<1>, two_avx512<2>, two_baseline<3>},
#else
    {two_baseline<1>, two_baseline<2>, two_baseline<3>},
    {two_baseline<1>, two_baseline<2>, two_baseline<3>},
#endif
};

// Which column of those tables runs `stages` stages: H = ceil(stages / 2) groups of four states.
constexpr unsigned groups_index(unsigned stages) noexcept {
    return (stages + 1) / 2 - 1;
}

// What this CPU runs, found once while the program starts, before any RT thread.
const Isa kBestIsa = [] {
#if PREAMP_WIDE
    __builtin_cpu_init();
    if (__builtin_cpu_supports("x86-64-v4")) return Isa::avx512;
    if (__builtin_cpu_supports("x86-64-v3")) return Isa::avx2;
#endif
    return Isa::baseline;
}();

} // namespace

Isa best_isa() noexcept {
    return kBestIsa;
}

void ToneKernel::run(float* x, std::uint32_t frames, double* state) const noexcept {
    if (stages == 0) return;
    const std::uint32_t blocks = frames / K;
    kOne[static_cast<unsigned>(isa)][groups_index(stages)](*this, x, blocks, state);
    tail(*this, x + blocks * K, frames % K, state);
}

void ToneKernel::run2(float* x0, float* x1, std::uint32_t frames, double* state0,
                      double* state1) const noexcept {
    if (stages == 0) return;
    const std::uint32_t blocks = frames / K;
    kTwo[static_cast<unsigned>(isa)][groups_index(stages)](*this, x0, x1, blocks, state0, state1);
    tail(*this, x0 + blocks * K, frames % K, state0);
    tail(*this, x1 + blocks * K, frames % K, state1);
}

} // namespace preamp::dsp
