#include "LinkwitzRiley.hpp"

#include "Simd.hpp"

#include <algorithm>
#include <cmath>

namespace preamp::dsp {
namespace {

// Below about -360 dBFS a filter memory is noise nobody can hear; clearing it keeps
// decaying tails out of the denormal range (and silence exactly silent).
constexpr double kFlushBelow = 1e-18;

// Direct form I, twice: y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2],
// summed so that the previous sample's output is needed last (one multiply-add on the
// recursion's critical path).
PREAMP_HOT void lr4(const Biquad& q, float* x, std::uint32_t n, double* s) noexcept {
    double x1 = s[0], x2 = s[1], m1 = s[2], m2 = s[3], y1 = s[4], y2 = s[5];
    for (std::uint32_t i = 0; i < n; ++i) {
        const auto x0 = static_cast<double>(x[i]);
        const double m0 = q.b0 * x0 + q.b1 * x1 + q.b2 * x2 - q.a2 * m2 - q.a1 * m1;
        const double y0 = q.b2 * m2 + q.b1 * m1 - q.a2 * y2 + q.b0 * m0 - q.a1 * y1;
        x2 = x1;
        x1 = x0;
        m2 = m1;
        m1 = m0;
        y2 = y1;
        y1 = y0;
        x[i] = static_cast<float>(y0);
    }
    s[0] = x1, s[1] = x2, s[2] = m1, s[3] = m2, s[4] = y1, s[5] = y2;
}

typedef double v2d __attribute__((vector_size(16)));

// Two channels in one loop, one in each lane: their recursions are independent.
PREAMP_HOT void lr4x2(const Biquad& q, float* xa, float* xb, std::uint32_t n, double* sa,
                      double* sb) noexcept {
    const v2d b0 = v2d{} + q.b0, b1 = v2d{} + q.b1, b2 = v2d{} + q.b2;
    const v2d a1 = v2d{} + q.a1, a2 = v2d{} + q.a2;
    v2d x1{sa[0], sb[0]}, x2{sa[1], sb[1]}, m1{sa[2], sb[2]}, m2{sa[3], sb[3]};
    v2d y1{sa[4], sb[4]}, y2{sa[5], sb[5]};
    for (std::uint32_t i = 0; i < n; ++i) {
        const v2d x0{static_cast<double>(xa[i]), static_cast<double>(xb[i])};
        const v2d m0 = b0 * x0 + b1 * x1 + b2 * x2 - a2 * m2 - a1 * m1;
        const v2d y0 = b2 * m2 + b1 * m1 - a2 * y2 + b0 * m0 - a1 * y1;
        x2 = x1, x1 = x0, m2 = m1, m1 = m0, y2 = y1, y1 = y0;
        xa[i] = static_cast<float>(y0[0]);
        xb[i] = static_cast<float>(y0[1]);
    }
    sa[0] = x1[0], sa[1] = x2[0], sa[2] = m1[0], sa[3] = m2[0], sa[4] = y1[0], sa[5] = y2[0];
    sb[0] = x1[1], sb[1] = x2[1], sb[2] = m1[1], sb[3] = m2[1], sb[4] = y1[1], sb[5] = y2[1];
}

} // namespace

void LinkwitzRiley::Bank::run(float* const* x, unsigned channels, std::uint32_t frames) noexcept {
    unsigned c = 0;
    for (; c + 1 < channels; c += 2)
        lr4x2(params, x[c], x[c + 1], frames, state[c].data(), state[c + 1].data());
    if (c < channels) lr4(params, x[c], frames, state[c].data());
}

void LinkwitzRiley::Bank::sanitize(unsigned channels) noexcept {
    for (unsigned c = 0; c < channels; ++c) {
        auto& s = state[c];
        if (!std::all_of(s.begin(), s.end(), [](double v) { return std::isfinite(v); }))
            s.fill(0.0);
        for (double& v : s)
            if (std::fabs(v) < kFlushBelow) v = 0.0;
    }
}

void LinkwitzRiley::Bank::clear() noexcept {
    for (auto& s : state)
        s.fill(0.0);
}

LinkwitzRiley::LinkwitzRiley(unsigned channels) : banks_(channels) {}

void LinkwitzRiley::set_target(const Biquad& section, std::uint32_t ramp_frames) noexcept {
    banks_.set_target(section, ramp_frames);
    // Nothing to crossfade from a memory of silence.
    if (banks_.pending() && cleared_ && !banks_.fading()) clear();
}

void LinkwitzRiley::reset(const Biquad& section) noexcept {
    banks_.reset(section);
    banks_.clear();
    cleared_ = true;
}

void LinkwitzRiley::clear() noexcept {
    if (cleared_ && !banks_.pending() && !banks_.fading()) return;
    banks_.clear();
    cleared_ = true;
}

void LinkwitzRiley::process(float* const* x, std::uint32_t frames) noexcept {
    cleared_ = false;
    banks_.process(x, frames);
}

} // namespace preamp::dsp
