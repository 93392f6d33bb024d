#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace preamp::config {

/// What is wrong with a string of the config file, if anything: it must be valid UTF-8
/// (no overlong forms, surrogates or code points past U+10FFFF) and hold no control
/// character (U+0000 to U+001F, U+007F to U+009F), since labels, names and paths go to
/// D-Bus, JACK and the log. "not valid UTF-8 at byte 4", "U+0009 at byte 2: control
/// characters are not allowed" (bytes counted from 1).
[[nodiscard]] std::optional<std::string> text_problem(std::string_view s);

} // namespace preamp::config
