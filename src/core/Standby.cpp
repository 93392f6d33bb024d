#include "Standby.hpp"

#include <cmath>

namespace preamp::core {

bool asks_for_sound(const State& before, const State& after) {
    return after.volume_db != before.volume_db || after.source != before.source ||
           (before.mute && !after.mute) || (before.standby && !after.standby);
}

SignalSense::SignalSense(double threshold_dbfs, std::chrono::milliseconds hold,
                         Clock::time_point now)
    : threshold_(static_cast<float>(std::pow(10.0, threshold_dbfs / 20.0))), hold_(hold),
      last_above_(now) {}

void SignalSense::observe(float peak, Clock::time_point now) {
    if (peak < threshold_) {
        above_since_.reset();
        return;
    }
    if (!above_since_) above_since_ = now;
    last_above_ = now;
}

bool SignalSense::signal() const {
    return above_since_ && last_above_ - *above_since_ >= hold_;
}

SignalSense::Clock::duration SignalSense::silent_for(Clock::time_point now) const {
    return now - last_above_;
}

void SignalSense::restart(Clock::time_point now) {
    last_above_ = now;
}

} // namespace preamp::core
