#pragma once

#include "ConfigError.hpp"
#include "core/Config.hpp"

#include <filesystem>
#include <string>

namespace preamp::config {

/// The libconfig file preampd is configured with (config/preampd.conf documents it).
/// Unknown keys, wrong types and values out of range are errors that name the file, the
/// line and the setting. Main thread only.
class ConfigFile {
public:
    /// Defaults decided at run time rather than by core::Config: what a file that leaves
    /// the setting out gets. Empty: core::Config's own default.
    struct Defaults {
        std::string state_file; ///< state.file (the daemon's comes from systemd's StateDirectory=)
    };

    /// Parses and validates `path` into a core::Config. Throws ConfigError.
    [[nodiscard]] static core::Config load(const std::filesystem::path& path,
                                           const Defaults& defaults = {});
    /// Same, from text (for tests and the fuzzer); `name` is used in messages. @include
    /// is refused: a text has no directory to include from.
    [[nodiscard]] static core::Config parse(const std::string& text, const std::string& name,
                                            const Defaults& defaults = {});
    /// A short human summary of a loaded config, for `preampd --check-config`.
    [[nodiscard]] static std::string describe(const core::Config& cfg);
};

} // namespace preamp::config
