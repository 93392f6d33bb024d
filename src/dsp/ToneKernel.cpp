#include "ToneKernel.hpp"

#include "Simd.hpp"

#include <algorithm>
#include <cstring>

namespace preamp::dsp {
namespace {

constexpr unsigned K = ToneKernel::kStep;
constexpr unsigned M = ToneKernel::kMaxStates;

// One step of the cascade as affine maps of (previous states, input):
// s' = A s + B x, y = C s + D x.
struct OneStep {
    double a[M][M]{}; // a[r][m]
    double b[M]{};
    double c[M]{};
    double d = 0.0;
};

OneStep fold(const ToneKernel& k) {
    OneStep o;
    double u_s[M]{}; // the current stage's input as a function of the states...
    double u_x = 1.0; // ... and of x
    for (unsigned j = 0; j < k.stages; ++j) {
        const Biquad& q = k.stage[j];
        const unsigned r1 = 2 * j, r2 = 2 * j + 1;
        // TDF2: y = b0 u + s1; s1' = b1 u - a1 y + s2; s2' = b2 u - a2 y.
        double y_s[M];
        for (unsigned m = 0; m < M; ++m) y_s[m] = q.b0 * u_s[m] + (m == r1 ? 1.0 : 0.0);
        const double y_x = q.b0 * u_x;
        for (unsigned m = 0; m < M; ++m) {
            o.a[r1][m] = q.b1 * u_s[m] - q.a1 * y_s[m] + (m == r2 ? 1.0 : 0.0);
            o.a[r2][m] = q.b2 * u_s[m] - q.a2 * y_s[m];
        }
        o.b[r1] = q.b1 * u_x - q.a1 * y_x;
        o.b[r2] = q.b2 * u_x - q.a2 * y_x;
        std::copy_n(y_s, M, u_s);
        u_x = y_x;
    }
    std::copy_n(u_s, M, o.c);
    o.d = u_x;
    return o;
}

// Runs `one` for K frames from state `s` with inputs `x`; returns outputs, updates s.
void simulate(const OneStep& one, double (&s)[M], const double (&x)[K], double (&y)[K]) {
    for (unsigned k = 0; k < K; ++k) {
        double out = one.d * x[k];
        double next[M];
        for (unsigned r = 0; r < M; ++r) {
            out += one.c[r] * s[r];
            next[r] = one.b[r] * x[k];
            for (unsigned m = 0; m < M; ++m) next[r] += one.a[r][m] * s[m];
        }
        y[k] = out;
        std::copy_n(next, M, s);
    }
}

// TDF2 cascade for the frames that do not fill a step, on the kernel's own state.
void tail(const ToneKernel& k, float* x, std::uint32_t frames, double* st) noexcept {
    for (std::uint32_t i = 0; i < frames; ++i) {
        double v = x[i];
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

inline v4d load4(const double* p) noexcept {
    v4d v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

typedef float v4f __attribute__((vector_size(16), aligned(4)));

inline v4d widen(const float* x) noexcept {
    v4f v;
    std::memcpy(&v, x, sizeof v);
    return __builtin_convertvector(v, v4d);
}

inline void narrow(v4d y, float* x) noexcept {
    const v4f v = __builtin_convertvector(y, v4f);
    std::memcpy(x, &v, sizeof v);
}

// One channel's state as H halves of four (H = 1: up to two stages, H = 2: up to four).
template <unsigned H>
struct Lanes {
    v4d s[H];
    const ToneKernel& k;

    Lanes(const ToneKernel& kernel, const double* st) noexcept : k(kernel) {
        for (unsigned h = 0; h < H; ++h) s[h] = load4(st + 4 * h);
    }
    void save(double* st) const noexcept {
        for (unsigned h = 0; h < H; ++h) std::memcpy(st + 4 * h, &s[h], sizeof(v4d));
    }

    // y = C s + D x; s = A s + B x. The terms of each sum are gathered in two
    // independent chains (even and odd states) so the feedback path stays short.
    inline v4d step(v4d x) noexcept {
        v4d y0 = load4(k.d[0]) * x[0] + load4(k.d[1]) * x[1];
        v4d y1 = load4(k.d[2]) * x[2] + load4(k.d[3]) * x[3];
        v4d n0[H], n1[H];
        for (unsigned h = 0; h < H; ++h) {
            n0[h] = load4(k.b[0] + 4 * h) * x[0] + load4(k.b[1] + 4 * h) * x[1];
            n1[h] = load4(k.b[2] + 4 * h) * x[2] + load4(k.b[3] + 4 * h) * x[3];
        }
        for (unsigned g = 0; g < H; ++g)
            for (unsigned m = 0; m < 4; m += 2) {
                const double se = s[g][m], so = s[g][m + 1];
                y0 += load4(k.c[4 * g + m]) * se;
                y1 += load4(k.c[4 * g + m + 1]) * so;
                for (unsigned h = 0; h < H; ++h) {
                    n0[h] += load4(k.a[4 * g + m] + 4 * h) * se;
                    n1[h] += load4(k.a[4 * g + m + 1] + 4 * h) * so;
                }
            }
        for (unsigned h = 0; h < H; ++h) s[h] = n0[h] + n1[h];
        return y0 + y1;
    }
};

template <unsigned H>
PREAMP_HOT void run_lanes(const ToneKernel& k, float* x, std::uint32_t blocks, double* st) noexcept {
    Lanes<H> l(k, st);
    for (std::uint32_t i = 0; i < blocks; ++i, x += K) narrow(l.step(widen(x)), x);
    l.save(st);
}

template <unsigned H>
PREAMP_HOT void run_lanes2(const ToneKernel& k, float* x0, float* x1, std::uint32_t blocks,
                           double* st0, double* st1) noexcept {
    Lanes<H> l0(k, st0), l1(k, st1);
    for (std::uint32_t i = 0; i < blocks; ++i, x0 += K, x1 += K) {
        const v4d y0 = l0.step(widen(x0));
        const v4d y1 = l1.step(widen(x1));
        narrow(y0, x0);
        narrow(y1, x1);
    }
    l0.save(st0);
    l1.save(st1);
}

} // namespace

ToneKernel ToneKernel::design(const std::array<Biquad, kMaxStages>& stages_in) {
    ToneKernel k;
    for (unsigned id = 0; id < kMaxStages; ++id) {
        if (stages_in[id].is_identity()) continue;
        k.stage[k.stages] = stages_in[id];
        k.stage_id[k.stages] = id;
        ++k.stages;
    }
    const OneStep one = fold(k);
    for (unsigned m = 0; m < M; ++m) { // response to each initial state alone
        double s[M]{}, y[K];
        s[m] = 1.0;
        simulate(one, s, {}, y);
        std::copy_n(y, K, k.c[m]);
        std::copy_n(s, M, k.a[m]);
    }
    for (unsigned i = 0; i < K; ++i) { // response to each input alone
        double s[M]{}, x[K]{}, y[K];
        x[i] = 1.0;
        simulate(one, s, x, y);
        std::copy_n(y, K, k.d[i]);
        std::copy_n(s, M, k.b[i]);
    }
    return k;
}

void ToneKernel::run(float* x, std::uint32_t frames, double* state) const noexcept {
    if (stages == 0) return;
    const std::uint32_t blocks = frames / K;
    if (stages <= 2)
        run_lanes<1>(*this, x, blocks, state);
    else
        run_lanes<2>(*this, x, blocks, state);
    tail(*this, x + blocks * K, frames % K, state);
}

void ToneKernel::run2(float* x0, float* x1, std::uint32_t frames, double* state0,
                      double* state1) const noexcept {
    if (stages == 0) return;
    const std::uint32_t blocks = frames / K;
    if (stages <= 2)
        run_lanes2<1>(*this, x0, x1, blocks, state0, state1);
    else
        run_lanes2<2>(*this, x0, x1, blocks, state0, state1);
    tail(*this, x0 + blocks * K, frames % K, state0);
    tail(*this, x1 + blocks * K, frames % K, state1);
}

} // namespace preamp::dsp
