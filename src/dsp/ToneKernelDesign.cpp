// The tone kernel's design, on the main thread: the cascade folded into the matrices
// that advance four frames at once. ToneKernel.cpp runs them on the RT thread.

#include "ToneKernel.hpp"

#include <algorithm>

namespace preamp::dsp {
namespace {

constexpr unsigned kStep = ToneKernel::kStep;
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
    double u_s[M]{};  // the current stage's input as a function of the states...
    double u_x = 1.0; // ... and of x
    for (unsigned j = 0; j < k.stages; ++j) {
        const Biquad& q = k.stage[j];
        const unsigned r1 = 2 * j, r2 = 2 * j + 1;
        // TDF2: y = b0 u + s1; s1' = b1 u - a1 y + s2; s2' = b2 u - a2 y.
        double y_s[M];
        for (unsigned m = 0; m < M; ++m)
            y_s[m] = q.b0 * u_s[m] + (m == r1 ? 1.0 : 0.0);
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

// Runs `one` for kStep frames from state `s` with inputs `x`; returns outputs, updates s.
void simulate(const OneStep& one, double (&s)[M], const double (&x)[kStep], double (&y)[kStep]) {
    for (unsigned k = 0; k < kStep; ++k) {
        double out = one.d * x[k];
        double next[M];
        for (unsigned r = 0; r < M; ++r) {
            out += one.c[r] * s[r];
            next[r] = one.b[r] * x[k];
            for (unsigned m = 0; m < M; ++m)
                next[r] += one.a[r][m] * s[m];
        }
        y[k] = out;
        std::copy_n(next, M, s);
    }
}

} // namespace

ToneKernel ToneKernel::design(const std::array<Biquad, kMaxStages>& stages_in, Isa isa) {
    ToneKernel k;
    k.isa = std::min(isa, best_isa());
    for (unsigned id = 0; id < kMaxStages; ++id) {
        if (stages_in[id].is_identity()) continue;
        k.stage[k.stages] = stages_in[id];
        k.stage_id[k.stages] = id;
        ++k.stages;
    }
    const OneStep one = fold(k);
    for (unsigned m = 0; m < M; ++m) { // response to each initial state alone
        double s[M]{}, y[kStep];
        s[m] = 1.0;
        simulate(one, s, {}, y);
        std::copy_n(y, kStep, k.c[m]);
        std::copy_n(s, M, k.a[m]);
    }
    for (unsigned i = 0; i < kStep; ++i) { // response to each input alone
        double s[M]{}, x[kStep]{}, y[kStep];
        x[i] = 1.0;
        simulate(one, s, x, y);
        std::copy_n(y, kStep, k.d[i]);
        std::copy_n(s, M, k.b[i]);
    }
    return k;
}

} // namespace preamp::dsp
