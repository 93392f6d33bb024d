#pragma once

#include "State.hpp"

#include <chrono>
#include <optional>

namespace preamp::core {

/// Whether going from `before` to `after` asks for sound, and so wakes preampd from
/// standby whoever made the change: a new volume (or a step), another source, mute
/// turned off, or standby itself turned off. Tone, balance and the like do not: someone
/// adjusting the treble on a phone has not asked for the amplifiers.
[[nodiscard]] bool asks_for_sound(const State& before, const State& after);

/// Whether there is a signal on one source, reading by reading of its meter (the peak
/// of each interval, the largest of its channels), and for how long it has been there
/// or away. A signal counts once it has been above the threshold for the hold time in
/// every reading, so that a click is no signal. Main thread only.
class SignalSense {
public:
    using Clock = std::chrono::steady_clock;

    SignalSense(double threshold_dbfs, std::chrono::milliseconds hold, Clock::time_point now);

    /// One reading: the peak (linear) of the interval that ended at `now`.
    void observe(float peak, Clock::time_point now);
    /// A signal has been above the threshold for the hold time, up to the last reading.
    [[nodiscard]] bool signal() const;
    /// How long since the last reading above the threshold (or since the start, or the
    /// last restart()).
    [[nodiscard]] Clock::duration silent_for(Clock::time_point now) const;
    /// Counts silence from `now` on, as if a signal had just been there.
    void restart(Clock::time_point now);

private:
    float threshold_;
    Clock::duration hold_;
    std::optional<Clock::time_point> above_since_; ///< while every reading is above
    Clock::time_point last_above_;
};

} // namespace preamp::core
