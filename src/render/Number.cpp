#include "Number.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <string>

namespace preamp::render {
namespace {

bool ends_with_nocase(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<long>(suffix.size()),
                      [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                      });
}

} // namespace

std::optional<double> parse_number(std::string_view text, std::string_view unit) {
    if (!unit.empty() && ends_with_nocase(text, unit)) text.remove_suffix(unit.size());
    // from_chars takes no '+'; a second sign after it ("+-3") stays an error.
    if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+')
        text.remove_prefix(1);
    double v = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ptr != end) return std::nullopt;
    // Well formed but beyond a double: from_chars leaves v alone, strtod says +-inf
    // (too large) or 0 (too small).
    if (ec == std::errc::result_out_of_range)
        return std::strtod(std::string(text).c_str(), nullptr);
    if (ec != std::errc()) return std::nullopt;
    return v;
}

std::optional<unsigned> parse_count(std::string_view text, unsigned min, unsigned max) {
    unsigned v = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || ptr != end || v < min || v > max) return std::nullopt;
    return v;
}

} // namespace preamp::render
