// Rewrites the number literals libconfig 1.5 would read wrongly (wrapped to 32 or 64
// bits) as floats of the same value, and refuses the string escapes it would mangle.

#include "Literals.hpp"

#include "ConfigError.hpp"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace preamp::config {
namespace {

// The value of hexadecimal digits, as a double (so any length; inf past DBL_MAX).
double hex_value(std::string_view digits) {
    double v = 0.0;
    for (const char c : digits) {
        const int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        v = v * 16.0 + d;
    }
    return v;
}

// A float literal libconfig reads as `v` ("1e999" for infinity, which atof reads so).
std::string float_literal(double v) {
    if (v > 1.7976931348623157e308) return "1e999";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17e", v);
    return buf;
}

// What libconfig reads for number token `s` of `kind` is not its value: the float
// literal to give it instead, else empty.
std::string replacement(std::string_view s, Token::Number kind) {
    std::string digits(s);
    while (!digits.empty() && digits.back() == 'L')
        digits.pop_back();
    switch (kind) {
    case Token::Number::integer:
    case Token::Number::integer64: {
        errno = 0;
        const long long v = std::strtoll(digits.c_str(), nullptr, 10);
        const bool fits = errno != ERANGE &&
                          (kind == Token::Number::integer64 || (v >= INT_MIN && v <= INT_MAX));
        return fits ? "" : digits + ".0";
    }
    case Token::Number::hex:
    case Token::Number::hex64: {
        errno = 0;
        const unsigned long long u = std::strtoull(digits.c_str() + 2, nullptr, 16);
        const unsigned long long max = kind == Token::Number::hex ? INT_MAX : LLONG_MAX;
        const bool fits = errno != ERANGE && u <= max;
        return fits ? "" : float_literal(hex_value(std::string_view(digits).substr(2)));
    }
    case Token::Number::floating:
        break;
    }
    return "";
}

} // namespace

std::string faithful_literals(const std::string& text, const Scan& scan, const Origins& origins) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    for (const Token& t : scan.tokens) {
        if (t.kind == Token::Kind::include)
            throw ConfigError(origins.where(t.line) + ": @include is not allowed here");
        if (t.kind == Token::Kind::string && t.nul)
            throw ConfigError(origins.where(t.line) +
                              ": a string holds \\x00 (NUL), which is not allowed");
        if (t.kind != Token::Kind::number) continue;
        const std::string with =
            replacement(std::string_view(text).substr(t.begin, t.end - t.begin), t.number);
        if (with.empty()) continue;
        out.append(text, pos, t.begin - pos).append(with);
        pos = t.end;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

} // namespace preamp::config
