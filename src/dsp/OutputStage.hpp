#pragma once

#include "DelayLine.hpp"
#include "Limits.hpp"
#include "Smoother.hpp"

#include <array>
#include <cstdint>

namespace preamp::dsp {

/// An output's own ramped gain, then its delay: the tail of sub_out (after the low-pass)
/// and of each speaker set (after the monitor mix). Once the gain has been 0 for longer
/// than the delay, the output is silent and the stage does no work at all; at gain 1 and
/// delay 0 it is the identity and does none either.
class OutputStage {
public:
    /// Main thread: allocates the delay line for `channels` at `sample_rate`.
    OutputStage(unsigned channels, double sample_rate);

    /// RT thread: head for `gain` and `delay_frames`, both over `ramp_frames`.
    void set_target(float gain, std::uint32_t delay_frames, std::uint32_t ramp_frames) noexcept;
    /// RT thread: jump there with a silent past.
    void reset(float gain, std::uint32_t delay_frames) noexcept;
    /// RT thread: `frames` (<= kMaxBlock) samples of each channel in place. Not to be
    /// called while silent(): the output is then all zeros.
    void process(float* const* x, std::uint32_t frames) noexcept;

    /// The output is zeros and stays so until the gain leaves 0.
    [[nodiscard]] bool silent() const noexcept { return silent_; }
    /// A gain ramp or a delay crossfade is under way.
    [[nodiscard]] bool settling() const noexcept;

private:
    unsigned channels_;
    std::array<Smoother, kMaxChannels> gain_{};
    float target_ = 0.0f;
    DelayLine delay_;
    std::uint32_t zeros_ = 0; // frames since the gain reached 0
    bool silent_ = true;
};

} // namespace preamp::dsp
