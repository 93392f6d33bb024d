#pragma once

#include <stdexcept>
#include <string>

namespace preamp::core {

/// A value outside what is allowed; the message names the value and the allowed range.
/// D-Bus maps it to org.preampd.Error.InvalidValue.
class InvalidValue : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A source name that is not configured; the message lists the configured ones.
/// D-Bus maps it to org.preampd.Error.UnknownSource.
class UnknownSource : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// "%g" without a locale or a trailing zoo of digits: -20, -20.5, 0.25.
std::string format_number(double v);

} // namespace preamp::core
