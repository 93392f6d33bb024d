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
    /// Parses and validates `path` into a core::Config. Throws ConfigError.
    [[nodiscard]] static core::Config load(const std::filesystem::path& path);
    /// Same, from text (for tests and --check-config of stdin); `name` is used in messages.
    [[nodiscard]] static core::Config parse(const std::string& text, const std::string& name);
    /// A short human summary of a loaded config, for `preampd --check-config`.
    [[nodiscard]] static std::string describe(const core::Config& cfg);
};

} // namespace preamp::config
