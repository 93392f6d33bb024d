#pragma once

#include "Origins.hpp"
#include "Scanner.hpp"

#include <string>
#include <string_view>

namespace preamp::config {

/// The message for a text libconfig refused with `error` ("syntax error", "duplicate
/// setting name", …) at line `line` (libconfig names the end of the file for a bracket
/// never closed): "FILE:LINE: syntax error: WHAT WAS EXPECTED", on the line of the
/// mistake when the tokens `scan` of `text` show it (a bracket or a string never closed, a closer
/// that closes nothing or the wrong bracket, a setting without its name, '=' or value).
[[nodiscard]] std::string syntax_message(std::string_view text, const Scan& scan,
                                         const Origins& origins, unsigned line,
                                         const std::string& error);

} // namespace preamp::config
