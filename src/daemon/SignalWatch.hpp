#pragma once

#include "EventLoop.hpp"
#include "PortMeters.hpp"
#include "Standby.hpp"
#include "core/AutoSelect.hpp"
#include "core/MeterExchange.hpp"
#include "core/MeterHub.hpp"
#include "core/Settings.hpp"
#include "dbus/Control.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace preamp::daemon {

/// What preampd hears and what it does about it: the engine's meters, read every tenth
/// of a second into every reader's interval (core::MeterHub, for GetLevels and
/// GetMeters), and the inputs' signal that standby (Standby) and auto input
/// (core::AutoSelect) listen to; and the model's standby flag, followed whoever sets
/// it. The daemon's snapshots go through adjust(), which silences the variable outputs
/// in standby and fades into and out of it. Main thread only.
class SignalWatch {
public:
    using Clock = std::chrono::steady_clock;
    struct Host {
        /// The model and the daemon's one way of changing it (dbus::Control::change).
        std::function<const core::Settings&()> settings;
        std::function<void(const std::function<void(core::Settings&)>&)> change;
        /// Whether JACK runs the engine (there are meters to read).
        std::function<bool()> jack_running;
        /// What adjust() says changed (into or out of standby): publish and announce.
        std::function<void()> changed;
    };

    SignalWatch(EventLoop& loop, core::MeterExchange& meters, const core::Config& config,
                Host host);

    /// Starts reading the meters every tenth of a second.
    void start();
    /// A configuration in place (reload): standby's and auto-select's settings;
    /// `ports_changed`: clip counts start again.
    void configure(const core::Config& config, bool ports_changed);
    /// JACK (back) at work: the silence counts from now.
    void jack_started();
    /// After a change of the model from `before` (Instance::change): a change that asks
    /// for sound wakes it, and standby follows the model's flag.
    void changed_from(const core::State& before);

    /// The outputs since the previous levels() (anyone's), or with inputs_and_outputs
    /// the inputs and outputs since `reader`'s previous reading; empty without JACK.
    [[nodiscard]] std::vector<dbus::Level> read(const std::string& reader, MeteredPorts which);
    /// `p` as standby wants it, at `sample_rate`: silent while in standby or waking, over
    /// standby.fade_ms while fading.
    void adjust(dsp::EngineParams& p, double sample_rate) const;
    [[nodiscard]] bool silent() const noexcept { return standby_.silent(); }
    [[nodiscard]] std::uint64_t standby_in(Clock::time_point now) const {
        return standby_.seconds_left(now);
    }

private:
    void take();

    core::MeterExchange& meters_;
    Host host_;
    core::MeterHub hub_;
    Timer tick_;
    Standby standby_;
    core::AutoSelect auto_select_;
    std::string why_;          ///< for the log, when standby_ asked for the change
    Clock::time_point fade_until_{};
};

} // namespace preamp::daemon
