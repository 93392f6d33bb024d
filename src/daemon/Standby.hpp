#pragma once

#include "EventLoop.hpp"
#include "HookRunner.hpp"
#include "core/Config.hpp"
#include "core/Standby.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace preamp::daemon {

/// Standby as the daemon lives it: it watches the selected source's meter and asks for
/// standby after standby.after_s of silence (when standby.auto) and out of it when a
/// signal returns; it follows the model's standby flag, whoever set it, running the
/// on_standby and on_wake hooks and holding the variable outputs silent until the wake
/// delay after on_wake has passed. The daemon mutes the engine while silent() and fades
/// over fade(). Main thread only.
class Standby {
public:
    using Clock = std::chrono::steady_clock;
    enum class Phase {
        awake,   ///< playing
        standby, ///< silent, the amplifiers off
        waking   ///< still silent: on_wake runs, then the wake delay
    };
    struct Callbacks {
        /// Change the model's standby flag (the daemon's change(), which then calls
        /// follow()); `why` is for the log.
        std::function<void(bool on, const std::string& why)> ask;
        /// phase() changed: fade to what silent() says and announce it.
        std::function<void()> changed;
    };

    Standby(EventLoop& loop, core::StandbyConfig config, Callbacks callbacks);

    /// A reloaded configuration (the phase stays).
    void configure(core::StandbyConfig config, Clock::time_point now);
    /// The model's standby flag is now `on`.
    void follow(bool on, Clock::time_point now);
    /// A reading of the selected source: the peak (linear) of its channels.
    void observe(float peak, Clock::time_point now);
    /// Something that asks for sound happened (a control change, JACK back): the
    /// silence counts from now.
    void activity(Clock::time_point now) { sense_.restart(now); }

    [[nodiscard]] Phase phase() const noexcept { return phase_; }
    /// The variable outputs must be silent.
    [[nodiscard]] bool silent() const noexcept { return phase_ != Phase::awake; }
    /// Whole seconds until the silence puts it in standby; 0 when awake without
    /// standby.auto, or not awake.
    [[nodiscard]] std::uint64_t seconds_left(Clock::time_point now) const;
    [[nodiscard]] std::chrono::milliseconds fade() const;

private:
    void set_phase(Phase p);

    core::StandbyConfig config_;
    Callbacks callbacks_;
    core::SignalSense sense_;
    HookRunner hooks_;
    Timer wake_delay_;
    Phase phase_ = Phase::awake;
    std::uint64_t wakes_ = 0; ///< which wake an on_wake that ends belongs to
};

} // namespace preamp::daemon
