// Checks that a config string is valid UTF-8 without control characters.

#include "Text.hpp"

#include <cstdint>
#include <cstdio>

namespace preamp::config {
namespace {

std::string at_byte(std::size_t i) {
    return " at byte " + std::to_string(i + 1);
}

// The length of the UTF-8 sequence at `i` and its code point, or 0 if it is invalid.
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
        cp = b;
        return 1;
    }
    const std::size_t n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0;
    if (n == 0 || b > 0xf4 || i + n > s.size()) return 0;
    cp = b & (0x7fu >> n);
    for (std::size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (c & 0x3fu);
    }
    const std::uint32_t least = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
    if (cp < least || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    return n;
}

} // namespace

std::optional<std::string> text_problem(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        std::uint32_t cp = 0;
        const std::size_t n = decode(s, i, cp);
        if (n == 0) return "not valid UTF-8" + at_byte(i);
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
            char u[8];
            std::snprintf(u, sizeof u, "U+%04X", static_cast<unsigned>(cp));
            return u + at_byte(i) + ": control characters are not allowed";
        }
        i += n;
    }
    return std::nullopt;
}

} // namespace preamp::config
