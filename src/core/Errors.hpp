#pragma once

#include "Error.hpp"

#include <string>
#include <utility>

namespace preamp::core {

/// A value outside what is allowed; the message names the value and the allowed range.
/// D-Bus maps it to org.preampd.Error.InvalidValue.
using InvalidValue = Error<struct InvalidValueKind>;

/// A configuration value that is not allowed. setting() is its path as libconfig
/// spells it ("volume.default_db", "inputs.[1].name"), so that the config loader can
/// name the line; what() starts with that path, then the value and what is allowed.
class InvalidSetting : public InvalidValue {
public:
    InvalidSetting(std::string setting, const std::string& message)
        : InvalidValue(message), setting_(std::move(setting)) {}
    [[nodiscard]] const std::string& setting() const noexcept { return setting_; }

private:
    std::string setting_;
};

/// A source name that is not configured; the message lists the configured ones.
/// D-Bus maps it to org.preampd.Error.UnknownSource.
using UnknownSource = Error<struct UnknownSourceKind>;

/// The state file could not be written; the message names the file and the OS error
/// ("Read-only file system", "No space left on device"). The file is as it was before.
/// D-Bus maps it to org.preampd.Error.SaveFailed.
using SaveFailed = Error<struct SaveFailedKind>;

} // namespace preamp::core
