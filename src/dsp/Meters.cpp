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

PREAMP_INLINE v8f load8(const float* x) noexcept {
    v8f v;
    std::memcpy(&v, x, sizeof v);
    return v;
}

PREAMP_INLINE v8f magnitude(v8f v) noexcept {
    v8i bits;
    std::memcpy(&bits, &v, sizeof v);
    bits &= 0x7fffffff;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}

// Sixteen lanes of running peak, sum of squares and clip count (two sets of eight, so
// the additions do not wait on each other); the scalar tail follows.
PREAMP_HOT Reading read(const float* x, std::uint32_t n) noexcept {
    v8f peak{}, sum0{}, sum1{};
    v8i clips{};
    const v8f one = v8f{} + 1.0f;
    std::uint32_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const v8f v0 = load8(x + i), v1 = load8(x + i + 8);
        const v8f a0 = magnitude(v0), a1 = magnitude(v1);
        const v8f m = a0 > a1 ? a0 : a1;
        peak = m > peak ? m : peak;
        sum0 += v0 * v0;
        sum1 += v1 * v1;
        clips -= (a0 > one) + (a1 > one);
    }
    const v8f sum = sum0 + sum1;
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
    const auto restart_all = [](auto& side) {
        for (auto& m : side) {
            m.peak = 0.0f;
            m.sum_squares = 0.0;
        }
    };
    restart_all(in);
    restart_all(rec);
    restart_all(pre);
    restart_all(sub);
    restart_all(speakers);
    frames = 0;
    ++interval;
}

} // namespace preamp::dsp
