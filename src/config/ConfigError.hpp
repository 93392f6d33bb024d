#pragma once

#include <stdexcept>

namespace preamp::config {

/// A configuration that cannot be used. The message starts with where:
/// "FILE:LINE: SETTING: problem", or "FILE: problem" when no line applies.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace preamp::config
