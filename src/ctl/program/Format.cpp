#include "Format.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace preamp::ctl::format {
namespace {

const char* not_finite(double x) {
    if (std::isnan(x)) return "nan";
    return x < 0 ? "-inf" : "inf";
}

} // namespace

std::string number(double x) {
    if (!std::isfinite(x)) return not_finite(x);
    if (x == 0.0) x = 0.0; // no "-0"
    std::array<char, 32> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), x);
    return {buf.data(), r.ptr};
}

std::string fixed(double x, int decimals) {
    if (!std::isfinite(x)) return not_finite(x);
    std::array<char, 64> buf{};
    const auto r =
        std::to_chars(buf.data(), buf.data() + buf.size(), x, std::chars_format::fixed, decimals);
    std::string s(buf.data(), r.ptr);
    if (s.starts_with('-') && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
    return s;
}

std::string json_number(double x) {
    if (!std::isfinite(x)) return "null";
    std::string s = number(x);
    if (s.find_first_of(".e") == std::string::npos) s += ".0"; // a double reads as one
    return s;
}

std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                std::array<char, 8> esc{};
                std::snprintf(esc.data(), esc.size(), "\\u%04x", static_cast<unsigned>(c));
                out += esc.data();
            } else {
                out += c;
            }
        }
    }
    return out + '"';
}

std::string json_strings(const std::vector<std::string>& words) {
    std::string s = "[";
    for (const auto& w : words)
        s.append(s.size() > 1 ? ", " : "").append(json_string(w));
    return s + "]";
}

std::string decibels(double x) {
    return number(x) + " dB";
}

} // namespace preamp::ctl::format
