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

/// The options that go before the command: `preampctl -i zone2 --json volume`.
struct Globals {
    bool json = false;
    std::string instance; ///< "" for the default instance
    Bus bus = Bus::any;
    bool help = false;
    bool version = false;

    bool operator==(const Globals&) const = default;
};

/// Takes the global options off the front of `args` (the command line without argv[0])
/// and leaves the command and its arguments. Options are only recognised before the
/// command: what follows it is the command's, so `volume -20dB` keeps its value.
/// Throws UsageError for an unknown option, a missing or invalid NAME, a second -i, or
/// --session with --system.
Globals parse_globals(std::vector<std::string>& args);

/// Whether `word` is one of the options above (-h/--help aside): after the command it is
/// refused with a hint to move it forward.
[[nodiscard]] bool is_global_option(std::string_view word) noexcept;

} // namespace preamp::ctl
