#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace preamp::ctl::format {

/// The shortest decimal that reads back as `x` ("-30", "-20.5", "0.25"); "-inf", "inf"
/// and "nan" for the others.
[[nodiscard]] std::string number(double x);
/// `x` with `decimals` digits after the point ("12.3"); "-inf" … as number() does.
[[nodiscard]] std::string fixed(double x, int decimals);
/// A JSON number that reads as a double: number(x) with ".0" if it has neither point
/// nor exponent ("-29.0", "0.25", "1e+30"), or null when x is not finite (JSON has no
/// infinity).
[[nodiscard]] std::string json_number(double x);
/// A JSON string literal, quoted and escaped.
[[nodiscard]] std::string json_string(std::string_view s);
/// A JSON array of string literals: ["a", "b"].
[[nodiscard]] std::string json_strings(const std::vector<std::string>& words);
/// "-30 dB".
[[nodiscard]] std::string decibels(double x);
/// "true" or "false".
[[nodiscard]] inline std::string json_bool(bool b) {
    return b ? "true" : "false";
}
/// "on" or "off".
[[nodiscard]] inline std::string on_off(bool b) {
    return b ? "on" : "off";
}

} // namespace preamp::ctl::format
