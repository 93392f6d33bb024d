#include "MonitorMixer.hpp"

#include "Simd.hpp"

#include <algorithm>
#include <array>

namespace preamp::dsp {
namespace {

// y = m x for frame i, C <= kMaxChannels.
PREAMP_INLINE void mix_frame(const MonitorMix& m, const float* in, float* out,
                             unsigned channels) noexcept {
    for (unsigned c = 0; c < channels; ++c) {
        float y = 0.0f;
        for (unsigned k = 0; k < channels; ++k)
            y += m[c][k] * in[k];
        out[c] = y;
    }
}

PREAMP_HOT void mix(const MonitorMix& m, float* const* x, unsigned channels,
                    std::uint32_t frames) noexcept {
    std::array<float, kMaxChannels> in{}, out{};
    for (std::uint32_t i = 0; i < frames; ++i) {
        for (unsigned k = 0; k < channels; ++k)
            in[k] = x[k][i];
        mix_frame(m, in.data(), out.data(), channels);
        for (unsigned c = 0; c < channels; ++c)
            x[c][i] = out[c];
    }
}

// Stereo, the common case, with the matrix in registers.
PREAMP_HOT void mix2(const MonitorMix& m, float* l, float* r, std::uint32_t frames) noexcept {
    const float ll = m[0][0], lr = m[0][1], rl = m[1][0], rr = m[1][1];
    for (std::uint32_t i = 0; i < frames; ++i) {
        const float a = l[i], b = r[i];
        l[i] = ll * a + lr * b;
        r[i] = rl * a + rr * b;
    }
}

} // namespace

MonitorMixer::MonitorMixer(unsigned channels) noexcept
    : channels_(std::clamp(channels, 1u, kMaxChannels)) {}

bool MonitorMixer::is_identity(const MonitorMix& m) const noexcept {
    for (unsigned c = 0; c < channels_; ++c)
        for (unsigned k = 0; k < channels_; ++k)
            if (m[c][k] != (c == k ? 1.0f : 0.0f)) return false;
    return true;
}

void MonitorMixer::set_target(const MonitorMix& mix, std::uint32_t ramp_frames) noexcept {
    bool same = true;
    for (unsigned c = 0; c < channels_; ++c)
        for (unsigned k = 0; k < channels_; ++k)
            same = same && mix[c][k] == to_[c][k];
    if (same) return;
    if (ramp_frames == 0) {
        snap(mix);
        return;
    }
    // A fresh ramp from wherever the mix is.
    if (fade_left_ > 0) {
        const float w = static_cast<float>(fade_len_ - fade_left_) / static_cast<float>(fade_len_);
        for (unsigned c = 0; c < channels_; ++c)
            for (unsigned k = 0; k < channels_; ++k)
                from_[c][k] += w * (to_[c][k] - from_[c][k]);
    } else {
        from_ = to_;
    }
    to_ = mix;
    identity_ = is_identity(mix);
    fade_len_ = ramp_frames;
    fade_left_ = ramp_frames;
}

void MonitorMixer::snap(const MonitorMix& mix) noexcept {
    from_ = to_ = mix;
    identity_ = is_identity(mix);
    fade_left_ = 0;
}

void MonitorMixer::process(float* const* x, std::uint32_t frames) noexcept {
    std::uint32_t i = 0;
    if (fade_left_ > 0) {
        const std::uint32_t n = std::min(frames, fade_left_);
        const double step = 1.0 / fade_len_;
        const double w0 = static_cast<double>(fade_len_ - fade_left_) * step;
        std::array<float, kMaxChannels> in{}, a{}, b{};
        for (; i < n; ++i) {
            for (unsigned k = 0; k < channels_; ++k)
                in[k] = x[k][i];
            mix_frame(from_, in.data(), a.data(), channels_);
            mix_frame(to_, in.data(), b.data(), channels_);
            const auto w = static_cast<float>(w0 + (i + 1) * step);
            for (unsigned c = 0; c < channels_; ++c)
                x[c][i] = a[c] + w * (b[c] - a[c]);
        }
        fade_left_ -= n;
        if (fade_left_ == 0) from_ = to_;
    }
    if (i == frames || identity_) return;
    std::array<float*, kMaxChannels> rest{};
    for (unsigned c = 0; c < channels_; ++c)
        rest[c] = x[c] + i;
    if (channels_ == 2)
        mix2(to_, rest[0], rest[1], frames - i);
    else
        mix(to_, rest.data(), channels_, frames - i);
}

} // namespace preamp::dsp
