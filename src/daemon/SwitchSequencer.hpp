#pragma once

// SwitchSequencer: orders a source switch and the gain change that comes with it, so
// that no source plays, even for a period, at a gain louder than its own.

#include "EventLoop.hpp"
#include "core/TripleBuffer.hpp"
#include "dsp/Engine.hpp"

#include <cstdint>
#include <functional>
#include <optional>

namespace preamp::daemon {

/// Hands the engine its snapshots. A snapshot with the same pre source as the engine's
/// goes at once (its gains ramp over ramp_frames), unless it raises a gain during a
/// switch's crossfade. A source switch (the selector
/// crossfades over dsp::Engine::kSwitchSeconds, the gains ramp alongside) goes in
/// steps instead: where the new gain of a channel is lower, the old source is first
/// brought down to it and the switch waits for that ramp to end; the switch then
/// happens at the lower of the two gains, and only after its crossfade do the gains rise
/// to the new ones (any later rise waits for the crossfade too). "Ended" is counted in JACK periods
/// that ran, never guessed from the clock alone. Main thread only.
class SwitchSequencer {
public:
    using Periods = std::function<std::uint64_t()>;

    /// Writes the engine's snapshots to `params`; `periods` counts the periods the
    /// engine completed. Both must outlive it.
    SwitchSequencer(EventLoop& loop, core::TripleBuffer<dsp::EngineParams>& params,
                    Periods periods);

    /// Makes `target` what the engine plays, in steps when it switches the source, with
    /// JACK at `buffer_size` frames a period and `sample_rate` Hz.
    void publish(const dsp::EngineParams& target, unsigned buffer_size, double sample_rate);
    /// The engine is new or gone (JACK started, stopped or restarted): forget what it
    /// played; the next publish() is written at once.
    void reset();

private:
    /// Writes what may go now, and arms the timer for what must wait. `fresh`: target_
    /// is new (publish()), not the timer's second look.
    void step(bool fresh);
    void write(const dsp::EngineParams& p);
    /// Whether the engine has completed period `at`; if not, arms the timer to look again
    /// then.
    [[nodiscard]] bool reached(std::uint64_t at);

    core::TripleBuffer<dsp::EngineParams>& params_;
    Periods periods_;
    Timer timer_;
    std::optional<dsp::EngineParams> current_; ///< the last written
    dsp::EngineParams target_{};
    unsigned buffer_size_ = 0;
    double sample_rate_ = 0.0;
    std::uint64_t settled_at_ = 0;  ///< the period count by which current_ is reached
    std::uint64_t switched_at_ = 0; ///< by which the last switch's crossfade has ended
};

} // namespace preamp::daemon
