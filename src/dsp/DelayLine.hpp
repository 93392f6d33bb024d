#pragma once

#include "Limits.hpp"

#include <cstdint>
#include <vector>

namespace preamp::dsp {

/// A sample-exact delay of C channels, up to kMaxDelaySeconds. A new delay never jumps:
/// the old tap is crossfaded linearly into the new one over the ramp, once the line
/// holds enough past samples for both (a change that arrives during a crossfade waits
/// for it). At a delay of 0 with nothing under way the line is bypassed: it does no work
/// and keeps no past, so it first fills before it crossfades away from 0.
class DelayLine {
public:
    /// Main thread: allocates the line for kMaxDelaySeconds at `sample_rate`.
    DelayLine(unsigned channels, double sample_rate);

    /// The longest delay, in frames: kMaxDelaySeconds at the sample rate, rounded.
    [[nodiscard]] std::uint32_t max_frames() const noexcept { return max_frames_; }

    /// RT thread: head for a delay of `frames` (clamped to max_frames()), crossfading
    /// over `ramp_frames` (0 = at once, as soon as the line holds enough).
    void set_target(std::uint32_t frames, std::uint32_t ramp_frames) noexcept;
    /// RT thread: jump to `frames` with a silent past, no crossfade.
    void reset(std::uint32_t frames) noexcept;
    /// RT thread: make the past silent (the input has been zero for longer than any
    /// tap); a pending delay is taken at once.
    void clear() noexcept;
    /// RT thread: delay `frames` (<= kMaxBlock) samples of each channel in place.
    void process(float* const* x, std::uint32_t frames) noexcept;

    /// The delay now (the old one during a crossfade).
    [[nodiscard]] std::uint32_t delay() const noexcept { return tap_; }
    /// True while a crossfade is under way or a new delay waits for one.
    [[nodiscard]] bool fading() const noexcept { return fade_left_ > 0 || has_pending_; }
    /// True when process() is the identity and does nothing.
    [[nodiscard]] bool bypassed() const noexcept { return tap_ == 0 && !fading(); }

private:
    void start_pending() noexcept;
    // n samples into / out of a channel's ring from position `at`, wrapping.
    void copy_in(float* line, std::uint32_t at, const float* x, std::uint32_t n) const noexcept;
    void copy_out(const float* line, std::uint32_t at, float* y, std::uint32_t n) const noexcept;

    unsigned channels_;
    std::uint32_t max_frames_;
    std::uint32_t size_;      // a power of two > max_frames_
    std::vector<float> line_; // channel c at [c * size_, (c + 1) * size_)
    std::uint32_t write_ = 0;
    std::uint32_t filled_ = 0; // valid past samples, at most size_
    std::uint32_t tap_ = 0;
    std::uint32_t next_tap_ = 0;
    std::uint32_t pending_ = 0;
    bool has_pending_ = false;
    std::uint32_t pending_ramp_ = 0;
    std::uint32_t fade_len_ = 0;
    std::uint32_t fade_left_ = 0;
};

} // namespace preamp::dsp
