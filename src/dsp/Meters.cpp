#include "Meters.hpp"

#include "Simd.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace preamp::dsp {
namespace {

struct Reading {
    float peak;
    float sum;
    std::uint32_t clips;
};

// Eight lanes of running peak, sum of squares and clip count; the scalar tail follows.
PREAMP_HOT Reading read(const float* x, std::uint32_t n) noexcept {
    v8f peak{}, sum{};
    v8i clips{};
    const v8f one = v8f{} + 1.0f;
    const v8i magnitude = v8i{} + 0x7fffffff;
    std::uint32_t i = 0;
    for (; i + 8 <= n; i += 8) {
        v8f v;
        std::memcpy(&v, x + i, sizeof v);
        v8i bits;
        std::memcpy(&bits, &v, sizeof v);
        bits &= magnitude;
        v8f a;
        std::memcpy(&a, &bits, sizeof a);
        peak = a > peak ? a : peak;
        sum += v * v;
        clips -= a > one;
    }
    Reading r{0.0f, 0.0f, 0};
    for (unsigned l = 0; l < 8; ++l) {
        r.peak = std::max(r.peak, peak[l]);
        r.sum += sum[l];
        r.clips += static_cast<std::uint32_t>(clips[l]);
    }
    for (; i < n; ++i) {
        const float a = std::fabs(x[i]);
        r.peak = std::max(r.peak, a);
        r.sum += x[i] * x[i];
        r.clips += a > 1.0f;
    }
    return r;
}

} // namespace

void Meters::measure(ChannelMeter& m, const float* x, std::uint32_t n) noexcept {
    const Reading r = read(x, n);
    m.peak = std::max(m.peak, r.peak);
    m.sum_squares += static_cast<double>(r.sum);
    m.clips += r.clips;
}

void Meters::restart() noexcept {
    for (auto* side : {&rec, &pre})
        for (auto& m : *side) {
            m.peak = 0.0f;
            m.sum_squares = 0.0;
        }
    frames = 0;
}

} // namespace preamp::dsp
