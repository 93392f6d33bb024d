#pragma once

#include <string_view>

namespace preamp::daemon {

/// Logging to stderr, one line per call, with the sd-daemon priority prefix ("<3>"...)
/// so that journald keeps the level. Main thread (any non-RT thread).
namespace log {
void error(std::string_view message);
void warning(std::string_view message);
void info(std::string_view message);
} // namespace log

} // namespace preamp::daemon
