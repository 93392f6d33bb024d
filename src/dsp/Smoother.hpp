#pragma once

#include <cstdint>

namespace preamp::dsp {

/// A gain that moves to each new target in a straight line over a given number of
/// frames, so a change never steps by more than |target - value| / frames per sample.
/// A new target during a ramp starts a fresh ramp from wherever the gain is.
class Smoother {
public:
    Smoother() noexcept = default;

    /// RT thread.
    void set_target(double target, std::uint32_t frames) noexcept;
    /// RT thread: jump to `value`, no ramp.
    void snap(double value) noexcept;
    /// RT thread: multiply `frames` samples by the gain, advancing the ramp.
    void apply(float* x, std::uint32_t frames) noexcept;

    [[nodiscard]] double value() const noexcept { return value_; }
    [[nodiscard]] bool ramping() const noexcept { return left_ > 0; }

private:
    double value_ = 0.0;
    double target_ = 0.0;
    double step_ = 0.0;
    std::uint32_t left_ = 0;
};

} // namespace preamp::dsp
