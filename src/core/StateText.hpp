#pragma once

#include "State.hpp"

#include <string>
#include <string_view>

namespace preamp::core {

/// The text of a state file (StateFile has the format's description and the file's I/O):
/// one table of keys, read by parse() and written by text(), so that the two never
/// disagree.
namespace state_text {

/// How every state file begins.
inline constexpr std::string_view kHeader = "# preampd state";

/// `text` (from the file `name`, for the messages) over `base`; throws StateFileError
/// naming `name` and the line.
[[nodiscard]] State parse(std::string_view text, const State& base, const std::string& name);
/// `s` as the file keeps it; every number written so that it reads back bit for bit.
[[nodiscard]] std::string text(const State& s);

} // namespace state_text
} // namespace preamp::core
