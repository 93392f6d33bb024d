#pragma once

#include "dsp/Meters.hpp"

#include <chrono>
#include <cstddef>
#include <map>
#include <string>

namespace preamp::core {

/// The engine's meter readings, kept for each reader on the control side: every reader
/// (a D-Bus client, by its unique name) gets the peak and RMS since its own previous
/// read, so that two meters on the screen never reset each other's peaks. The readings
/// the RT thread hands over (MeterExchange::take) are folded into every reader's
/// interval. Clip counts run from the first reading on, across new engines (a JACK
/// restart, a reload) as long as the ports stay the same. Main thread only.
class MeterHub {
public:
    using Clock = std::chrono::steady_clock;
    /// Readers not heard from for this long are forgotten (their next read starts anew).
    static constexpr auto kForgetAfter = std::chrono::minutes(5);
    /// At most this many readers; one more replaces the one not heard from longest.
    static constexpr std::size_t kMaxReaders = 64;

    /// Adds one reading from the engine; a reading folded already (the same engine and
    /// interval) changes nothing, and then it returns false.
    bool fold(const dsp::Meters& m);
    /// What reader `reader` has not read yet, from its previous read (or, the first
    /// time, the newest reading) to now, clips from the first reading on. Starts its
    /// next interval.
    [[nodiscard]] dsp::Meters read(const std::string& reader, Clock::time_point now);
    /// The newest reading folded, clips from the first reading on.
    [[nodiscard]] const dsp::Meters& latest() const noexcept { return latest_; }
    /// The ports were made anew (a reload changed them): clip counts start again.
    void restart_clips();
    [[nodiscard]] std::size_t readers() const noexcept { return readers_.size(); }

private:
    struct Reader {
        dsp::Meters since;
        Clock::time_point last_read;
    };
    void forget_idle(Clock::time_point now);

    std::map<std::string, Reader> readers_;
    dsp::Meters raw_{};    ///< the newest reading, as the engine counted
    dsp::Meters latest_{}; ///< the same, clips from the first reading on
    dsp::Meters base_{};   ///< clips of the engines before the current one
    dsp::Meters offset_{}; ///< clips of the current engine before restart_clips()
    bool any_ = false;
};

} // namespace preamp::core
