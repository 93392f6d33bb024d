#pragma once

#include "ctl/Globals.hpp"

#include <optional>
#include <string>
#include <vector>

namespace preamp::mqtt {

/// preamp-mqtt's command line (help_text() lists it). What is given here overrides the
/// config file.
struct Options {
    std::string config;                ///< --config FILE ("": none)
    std::optional<std::string> host;   ///< --broker HOST[:PORT]
    std::optional<int> port;
    std::optional<std::string> instance; ///< --instance NAME
    std::optional<ctl::Bus> bus;         ///< --system, --user (--session)
    bool help = false;
    bool version = false;
};

/// Parses `args` (without argv[0]). Throws ctl::UsageError naming the bad word.
[[nodiscard]] Options parse_options(const std::vector<std::string>& args);

/// What --help prints.
[[nodiscard]] const char* help_text() noexcept;

} // namespace preamp::mqtt
