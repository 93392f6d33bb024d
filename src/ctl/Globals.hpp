#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace preamp::ctl {

/// Which bus preampctl looks for the daemon on.
enum class Bus {
    any,     ///< the session bus, then the system bus
    session, ///< --session (or --user): the session bus only
    system,  ///< --system: the system bus only
};

/// preampctl's own options, anywhere on the line: `preampctl -i zone2 volume -20dB --json`.
struct Globals {
    bool json = false;
    std::string instance; ///< "" for the default instance
    Bus bus = Bus::any;
    bool help = false;
    bool version = false;

    bool operator==(const Globals&) const = default;
};

/// Whether `word` is an option rather than a value or a command: it starts with '-', but
/// is not "-" alone, nor a negative number ("-20dB", "-3", "-.5"), nor "-inf", "-nan",
/// "-infinity" or a number after two minus signs ("--20"): values, which the value parsers
/// refuse as such, naming the forms they take.
[[nodiscard]] bool is_option(std::string_view word) noexcept;

/// Takes preampctl's own options off `args` (the command line without argv[0]) wherever
/// they are, and leaves the command, its arguments and its own options (--watch; -h and
/// --help after the command) in order. "--" ends the options: it stays in `args` for
/// parse(), and nothing after it is taken. -h or --help before the command sets `help`.
/// Throws UsageError for an unknown option, a missing or invalid NAME, a second -i, or
/// --session with --system.
Globals parse_globals(std::vector<std::string>& args);

} // namespace preamp::ctl
