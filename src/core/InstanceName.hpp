#pragma once

#include <string>
#include <string_view>

namespace preamp::core {

/// A named instance (a second zone): preampd --instance NAME, preampctl -i NAME. It
/// becomes part of a D-Bus name (org.preampd.Preamp.NAME) and a JACK client name, so:
/// a lower-case letter (a D-Bus name element may not start with a digit), then up to 31
/// of a-z, 0-9, '_' and '-'.
[[nodiscard]] bool valid_instance_name(std::string_view name) noexcept;

/// What a name of the default instance becomes in instance `instance`: "NAME-INSTANCE"
/// (the JACK client name, the state file); `name` itself when `instance` is "".
[[nodiscard]] std::string instance_name(const std::string& name, std::string_view instance);

/// What valid_instance_name allows, for messages.
inline constexpr const char* kInstanceNameRule =
    "a lower-case letter, then up to 31 of a-z, 0-9, '_' and '-'";

} // namespace preamp::core
