#pragma once

#include <string_view>

namespace preamp::daemon {

/// Logging to stderr, one line per call. When stderr is the journal (JOURNAL_STREAM
/// names it, as systemd sets it) each line starts with its sd-daemon priority prefix
/// ("<3>", "<4>", "<6>") so that journald keeps the level; elsewhere (a terminal, a file)
/// errors start with "error: ", warnings with "warning: ", information with nothing.
/// Main thread (any non-RT thread).
namespace log {
void error(std::string_view message);
void warning(std::string_view message);
void info(std::string_view message);
} // namespace log

} // namespace preamp::daemon
