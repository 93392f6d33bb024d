#pragma once

#include "Origins.hpp"
#include "Scanner.hpp"

#include <string>

namespace preamp::config {

/// `text` (whose tokens are `scan`) made safe for libconfig 1.5, which reads an integer
/// into 32 bits (64 with L) and wraps what does not fit: 4294967306 would be 10, a
/// 0xffffffff -1. Each such literal is given to it as a float of the same value, so that
/// it is read in full and range-checked as written. Throws ConfigError, naming the place
/// by `origins`, for a string holding \x00 (libconfig would cut it there) and for an
/// @include left in the text.
[[nodiscard]] std::string faithful_literals(const std::string& text, const Scan& scan,
                                            const Origins& origins);

} // namespace preamp::config
