#include "Selector.hpp"

#include "Simd.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

namespace preamp::dsp {
namespace {

inline float finite_or_zero(float x) noexcept {
    return std::isfinite(x) ? x : 0.0f;
}

// Copies, turning NaN and infinities (all exponent bits set) into 0.
PREAMP_HOT void copy_finite(const float* src, float* dst, std::uint32_t n) noexcept {
    const v8i exponent = v8i{} + 0x7f800000;
    std::uint32_t i = 0;
    for (; i + 8 <= n; i += 8) {
        v8i bits;
        std::memcpy(&bits, src + i, sizeof bits);
        bits &= (bits & exponent) != exponent;
        std::memcpy(dst + i, &bits, sizeof bits);
    }
    for (; i < n; ++i)
        dst[i] = finite_or_zero(src[i]);
}

void copy(const float* src, float* dst, std::uint32_t n, bool sanitize) noexcept {
    if (sanitize)
        copy_finite(src, dst, n);
    else
        std::copy_n(src, n, dst);
}

} // namespace

Selector::Selector(unsigned sources, unsigned channels, std::uint32_t fade_frames)
    : sources_(sources), channels_(channels), len_(std::max<std::uint32_t>(fade_frames, 1)),
      gain_(len_ + 1), pos_(len_) {
    for (std::uint32_t k = 0; k <= len_; ++k)
        gain_[k] = static_cast<float>(std::sin(std::numbers::pi / 2.0 * k / len_));
    gain_[len_] = 1.0f;
}

void Selector::select(unsigned source) noexcept {
    if (source < sources_) wanted_ = source;
}

void Selector::snap(unsigned source) noexcept {
    if (source >= sources_) return;
    wanted_ = current_ = from_ = source;
    pos_ = len_;
}

void Selector::process(const float* const* in, std::uint32_t offset, float* const* out,
                       std::uint32_t frames, bool sanitize) noexcept {
    if (!fading() && wanted_ != current_) {
        from_ = current_;
        current_ = wanted_;
        pos_ = 0;
    }
    const std::uint32_t n = fading() ? std::min(frames, len_ - pos_) : 0;
    for (unsigned c = 0; c < channels_; ++c) {
        const float* to = in[current_ * channels_ + c] + offset;
        const float* from = in[from_ * channels_ + c] + offset;
        float* y = out[c];
        for (std::uint32_t i = 0; i < n; ++i) {
            const std::uint32_t k = pos_ + i + 1;
            float a = from[i], b = to[i];
            if (sanitize) {
                a = finite_or_zero(a);
                b = finite_or_zero(b);
            }
            y[i] = gain_[len_ - k] * a + gain_[k] * b;
        }
        copy(to + n, y + n, frames - n, sanitize);
    }
    pos_ += n;
}

} // namespace preamp::dsp
