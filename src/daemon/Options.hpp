#pragma once

#include "core/Error.hpp"
#include <string>

namespace preamp::daemon {

/// Thrown for a command line that makes no sense; main prints it and exits 2.
using UsageError = core::Error<struct UsageErrorKind>;

/// preampd's command line.
struct Options {
    std::string config; ///< --config, else Paths::config_file()
    bool check_config = false;
    std::string instance;    ///< "" for the default instance
    bool system_bus = false; ///< --system: the system bus (a system service)
    bool help = false;
    bool version = false;

    /// Throws UsageError naming the bad argument.
    static Options parse(int argc, char** argv);
    [[nodiscard]] static std::string help_text();
};

} // namespace preamp::daemon
