#pragma once

#include <optional>
#include <string_view>

namespace preamp::render {

/// A decimal number as given on the command line: "-20", "+6", "0.25", "1e-3", or, when
/// `unit` is not empty, the same directly followed by that unit in any case ("-20dB").
/// nullopt for anything else. "nan" and "inf" parse as such, and so does a number too
/// large for a double ("1e999": inf); one too small is 0 ("1e-999"). The range check that
/// follows rejects the non-finite ones with a message that names the option.
[[nodiscard]] std::optional<double> parse_number(std::string_view text, std::string_view unit = {});

/// A whole number in [min, max] without sign, unit or trailing characters.
[[nodiscard]] std::optional<unsigned> parse_count(std::string_view text, unsigned min,
                                                  unsigned max);

} // namespace preamp::render
