#include "AutoSelect.hpp"

#include <cmath>

namespace preamp::core {

AutoSelect::AutoSelect(const Config& cfg, Clock::time_point now)
    : hold_(std::chrono::milliseconds(std::llround(cfg.standby.signal_hold_ms))) {
    for (const auto& in : cfg.inputs) {
        candidates_.push_back(in.auto_select);
        senses_.emplace_back(cfg.standby.threshold_dbfs,
                             std::chrono::milliseconds(std::llround(cfg.standby.signal_hold_ms)),
                             now);
        any_ = any_ || in.auto_select;
    }
}

std::optional<unsigned> AutoSelect::observe(const std::vector<float>& peaks, unsigned selected,
                                            Clock::time_point now) {
    if (!any_) return std::nullopt;
    for (std::size_t i = 0; i < senses_.size() && i < peaks.size(); ++i)
        senses_[i].observe(peaks[i], now);
    if (selected >= senses_.size() || senses_[selected].silent_for(now) < hold_)
        return std::nullopt; // the selected source plays (or just did)
    for (unsigned i = 0; i < senses_.size(); ++i)
        if (i != selected && candidates_[i] && senses_[i].signal()) return i;
    return std::nullopt;
}

} // namespace preamp::core
