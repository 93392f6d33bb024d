#pragma once

#include <preamp1-proxy.h>
#include <sdbus-c++/sdbus-c++.h>
#include <string>
#include <vector>

namespace preamp::ctl {

/// preampctl levels --watch: calls GetMeters every kPeriod and shows each port, inputs
/// and outputs, as a bar meter from -60 to 0 dBFS with its peak, RMS and clip count. On a terminal the meters are redrawn
/// in place (ANSI cursor-up); elsewhere each round is one line; with --json each round is
/// one JSON object on a line, {"levels": [...]} as `--json levels` prints it. While the
/// daemon waits for JACK there are none: a round says so (with --json, {"levels": []}).
class Meter {
public:
    using Levels = std::vector<sdbus::Struct<std::string, double, double, uint64_t>>;
    static constexpr int kPeriodMs = 100;
    static constexpr int kBarWidth = 40;
    static constexpr double kFloorDb = -60.0;

    Meter(org::preampd::Preamp1_proxy& preamp, bool json, bool tty)
        : preamp_(preamp), json_(json), tty_(tty) {}

    /// Runs until SIGINT or SIGTERM (blocked here, so call it before any other thread
    /// starts) and returns 0. Throws sdbus::Error when the daemon goes away.
    int run();

    /// The bar of a level: '#' from kFloorDb up to `dbfs`, '-' for the rest.
    [[nodiscard]] static std::string bar(double dbfs);
    /// Why there are no levels, from the daemon's State: "preampd is waiting for its
    /// JACK server: no levels until it runs on it".
    [[nodiscard]] static std::string no_levels(const std::string& state);
    /// The JSON array of `levels`:
    /// [{"port": …, "peak_dbfs": …, "rms_dbfs": …, "clips": …}, …].
    [[nodiscard]] static std::string json_array(const Levels& levels);
    /// What one round prints, ending in a newline (cursor movement aside).
    [[nodiscard]] std::string round(const Levels& levels) const;

private:
    org::preampd::Preamp1_proxy& preamp_;
    bool json_;
    bool tty_;
    std::size_t drawn_ = 0; ///< lines drawn in the last round, to go back up over
};

} // namespace preamp::ctl
