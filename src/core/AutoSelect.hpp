#pragma once

#include "Config.hpp"
#include "Standby.hpp"

#include <optional>
#include <vector>

namespace preamp::core {

/// Auto input, as integrated amplifiers have it: when an input with auto_select starts
/// playing (a signal above standby.threshold_dbfs for standby.signal_hold_ms) while the
/// selected source is silent (no signal for as long), that input should be selected.
/// Main thread only.
class AutoSelect {
public:
    using Clock = SignalSense::Clock;

    AutoSelect(const Config& cfg, Clock::time_point now);

    /// Whether any input has auto_select (else observe() never answers).
    [[nodiscard]] bool any() const noexcept { return any_; }
    /// One meter reading: the peak (linear, the largest of its channels) of every input,
    /// in config order, and the selected one's index. The input to select now, if any:
    /// the first in config order that plays.
    [[nodiscard]] std::optional<unsigned> observe(const std::vector<float>& peaks,
                                                  unsigned selected, Clock::time_point now);

private:
    std::vector<bool> candidates_;
    std::vector<SignalSense> senses_;
    Clock::duration hold_;
    bool any_ = false;
};

} // namespace preamp::core
