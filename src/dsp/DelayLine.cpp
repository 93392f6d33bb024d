#include "DelayLine.hpp"

#include "Outputs.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace preamp::dsp {

DelayLine::DelayLine(unsigned channels, double sample_rate)
    : channels_(std::min(channels, kMaxChannels)),
      max_frames_(static_cast<std::uint32_t>(std::lround(kMaxDelaySeconds * sample_rate))),
      size_(std::bit_ceil(max_frames_ + kMaxBlock + 1)),
      line_(static_cast<std::size_t>(channels_) * size_) {}

void DelayLine::set_target(std::uint32_t frames, std::uint32_t ramp_frames) noexcept {
    frames = std::min(frames, max_frames_);
    const std::uint32_t heading = fade_left_ > 0 ? next_tap_ : tap_;
    has_pending_ = frames != heading;
    pending_ = frames;
    pending_ramp_ = ramp_frames;
}

void DelayLine::reset(std::uint32_t frames) noexcept {
    has_pending_ = false;
    fade_left_ = 0;
    tap_ = std::min(frames, max_frames_);
    std::fill(line_.begin(), line_.end(), 0.0f);
    filled_ = size_;
}

void DelayLine::clear() noexcept {
    if (fade_left_ > 0) tap_ = next_tap_;
    fade_left_ = 0;
    if (has_pending_) tap_ = pending_;
    has_pending_ = false;
    std::fill(line_.begin(), line_.end(), 0.0f);
    filled_ = size_;
}

void DelayLine::copy_in(float* line, std::uint32_t at, const float* x,
                        std::uint32_t n) const noexcept {
    const std::uint32_t first = std::min(n, size_ - at);
    std::copy_n(x, first, line + at);
    std::copy_n(x + first, n - first, line);
}

void DelayLine::copy_out(const float* line, std::uint32_t at, float* y,
                         std::uint32_t n) const noexcept {
    const std::uint32_t first = std::min(n, size_ - at);
    std::copy_n(line + at, first, y);
    std::copy_n(line, n - first, y + first);
}

void DelayLine::start_pending() noexcept {
    // Both taps must read samples that were really written.
    if (filled_ < std::max(tap_, pending_)) return;
    has_pending_ = false;
    if (pending_ramp_ == 0) {
        tap_ = pending_;
        return;
    }
    next_tap_ = pending_;
    fade_len_ = pending_ramp_;
    fade_left_ = pending_ramp_;
}

void DelayLine::process(float* const* x, std::uint32_t frames) noexcept {
    if (bypassed()) {
        filled_ = 0;
        return;
    }
    if (fade_left_ == 0 && has_pending_) start_pending();

    const std::uint32_t mask = size_ - 1;
    const std::uint32_t n = std::min(frames, fade_left_);
    const double step = fade_left_ > 0 ? 1.0 / fade_len_ : 0.0;
    const double w0 = static_cast<double>(fade_len_ - fade_left_) * step;
    for (unsigned c = 0; c < channels_; ++c) {
        float* line = line_.data() + static_cast<std::size_t>(c) * size_;
        float* y = x[c];
        std::uint32_t w = write_;
        std::uint32_t i = 0;
        for (; i < n; ++i, w = (w + 1) & mask) {
            line[w] = y[i];
            const float a = line[(w - tap_) & mask];
            const float b = line[(w - next_tap_) & mask];
            const auto g = static_cast<float>(w0 + (i + 1) * step);
            y[i] = a + g * (b - a);
        }
        // The rest at one tap, as whole copies: the line is long enough that writing
        // a block never overwrites what the block reads.
        const std::uint32_t tap = n > 0 && n == fade_left_ ? next_tap_ : tap_;
        copy_in(line, w, y + i, frames - i);
        copy_out(line, (w - tap) & mask, y + i, frames - i);
    }
    write_ = (write_ + frames) & mask;
    filled_ = std::min(size_, filled_ + frames);
    if (n > 0) {
        fade_left_ -= n;
        if (fade_left_ == 0) tap_ = next_tap_;
    }
}

} // namespace preamp::dsp
