#pragma once

#include "JackLink.hpp"

#include <cstdint>

namespace preamp::daemon {

/// How JACK's side of preampd fares, tick by tick: the newest readings (DspLoad,
/// CallbackTime), xruns since preampd started (across JACK restarts and a restart of
/// the program), logged as they come, and whether the process callback ran since the
/// previous tick, for the watchdog. Main thread only.
class JackHealth {
public:
    /// `inherited_xruns`: counted before preampd started anew (Reexec).
    explicit JackHealth(std::uint64_t inherited_xruns)
        : inherited_(inherited_xruns), xruns_(inherited_xruns) {}

    /// A new session runs: its periods count from `periods` (JackLink::readings()).
    void running(std::uint64_t periods) noexcept { periods_ = periods; }
    /// One tick: takes `r`, logs new xruns; returns whether preampd is alive, i.e. the
    /// callback ran since the previous tick (`jack_running`), or the main loop itself
    /// does (without JACK).
    bool tick(const JackReadings& r, bool jack_running);

    [[nodiscard]] const JackReadings& readings() const noexcept { return readings_; }
    [[nodiscard]] std::uint64_t xruns() const noexcept { return xruns_; }

private:
    std::uint64_t inherited_;
    std::uint64_t xruns_;
    std::uint64_t periods_ = 0;
    JackReadings readings_;
};

} // namespace preamp::daemon
