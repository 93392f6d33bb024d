#pragma once

#include "Settings.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace preamp::mqtt {

/// preamp-mqtt's own libconfig file (/etc/preampd/mqtt.conf, preamp-mqtt.conf(5)), read
/// with src/config's reader: unknown keys, wrong types and values out of range are errors
/// that name the file, the line and the setting (config::ConfigError).
class BridgeFile {
public:
    /// The settings of `path` over `defaults`.
    [[nodiscard]] static Settings load(const std::filesystem::path& path, Settings defaults);
    /// The same from a text (tests); `name` names it in messages.
    [[nodiscard]] static Settings parse(const std::string& text, const std::string& name,
                                        Settings defaults);
    /// Every setting the file takes, dotted ("broker.tls.ca_file"), for the man page test.
    [[nodiscard]] static std::vector<std::string> keys();
};

} // namespace preamp::mqtt
