#include "Standby.hpp"

#include "Log.hpp"
#include "core/FormatNumber.hpp"

#include <cmath>

namespace preamp::daemon {
namespace {

std::chrono::milliseconds ms(double v) {
    return std::chrono::milliseconds(std::llround(v));
}

core::SignalSense sense_for(const core::StandbyConfig& c, Standby::Clock::time_point now) {
    return {c.threshold_dbfs, ms(c.signal_hold_ms), now};
}

} // namespace

Standby::Standby(EventLoop& loop, core::StandbyConfig config, Callbacks callbacks)
    : config_(std::move(config)), callbacks_(std::move(callbacks)),
      sense_(sense_for(config_, Clock::now())), hooks_(loop), wake_delay_(loop, [this] {
          if (phase_ == Phase::waking) set_phase(Phase::awake);
      }) {}

void Standby::configure(core::StandbyConfig config, Clock::time_point now) {
    config_ = std::move(config);
    sense_ = sense_for(config_, now);
}

void Standby::follow(bool on, Clock::time_point now) {
    if (on) {
        if (phase_ == Phase::standby) return;
        wake_delay_.stop();
        ++wakes_; // an on_wake still to end wakes nothing
        hooks_.run("on_standby", config_.on_standby, ms(config_.hook_timeout_s * 1000.0), {});
        set_phase(Phase::standby);
        return;
    }
    if (phase_ != Phase::standby) return;
    sense_.restart(now);
    const std::uint64_t wake = ++wakes_;
    set_phase(Phase::waking);
    hooks_.run("on_wake", config_.on_wake, ms(config_.hook_timeout_s * 1000.0), [this, wake] {
        // The amplifiers have their power (or the hook gave up): give them wake_delay_ms.
        if (wake == wakes_ && phase_ == Phase::waking) wake_delay_.start(ms(config_.wake_delay_ms));
    });
}

void Standby::observe(float peak, Clock::time_point now) {
    sense_.observe(peak, now);
    if (phase_ == Phase::standby && sense_.signal()) {
        callbacks_.ask(false, "signal on the selected source");
    } else if (phase_ == Phase::awake && config_.on_silence &&
               sense_.silent_for(now) >= std::chrono::duration<double>(config_.after_s)) {
        callbacks_.ask(true, "after " + core::format_number(config_.after_s) +
                                 " s of silence (below " +
                                 core::format_number(config_.threshold_dbfs) + " dBFS)");
    }
}

std::uint64_t Standby::seconds_left(Clock::time_point now) const {
    if (phase_ != Phase::awake || !config_.on_silence) return 0;
    const double left = config_.after_s - std::chrono::duration<double>(sense_.silent_for(now)).count();
    return left > 0.0 ? static_cast<std::uint64_t>(std::ceil(left)) : 0;
}

std::chrono::milliseconds Standby::fade() const {
    return ms(config_.fade_ms);
}

void Standby::set_phase(Phase p) {
    if (p == phase_) return;
    phase_ = p;
    if (p == Phase::awake) log::info("Awake: fading in");
    callbacks_.changed();
}

} // namespace preamp::daemon
