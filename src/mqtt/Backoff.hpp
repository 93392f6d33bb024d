#pragma once

#include <algorithm>
#include <chrono>

namespace preamp::mqtt {

/// The wait before the next attempt to reconnect: 250 ms, doubled after each failure up
/// to 30 s, back to 250 ms after a success (reset()).
class Backoff {
public:
    using Duration = std::chrono::milliseconds;
    static constexpr Duration kFirst{250};
    static constexpr Duration kMax{30000};

    /// The wait before this attempt; the next one waits twice as long.
    [[nodiscard]] Duration next() noexcept {
        const Duration now = wait_;
        wait_ = std::min(wait_ * 2, kMax);
        return now;
    }
    void reset() noexcept { wait_ = kFirst; }

private:
    Duration wait_ = kFirst;
};

} // namespace preamp::mqtt
