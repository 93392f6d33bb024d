#include "Value.hpp"

#include "UsageError.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace preamp::ctl {
namespace {

// Whether `s` ends in `unit`, in any case.
bool ends_with(std::string_view s, std::string_view unit) {
    if (s.size() < unit.size()) return false;
    const std::string_view tail = s.substr(s.size() - unit.size());
    for (std::size_t i = 0; i < unit.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        if (lower(tail[i]) != lower(unit[i])) return false;
    }
    return true;
}

bool ends_with_db(std::string_view s) {
    if (s.size() < 2) return false;
    const char d = s[s.size() - 2];
    const char b = s[s.size() - 1];
    return (d == 'd' || d == 'D') && (b == 'b' || b == 'B');
}

bool starts_number(std::string_view s) {
    return !s.empty() && ((s.front() >= '0' && s.front() <= '9') || s.front() == '.');
}

// "2dB+" → +2, "0.1-" → -0.1; nullopt unless `word` ends in + or - after an unsigned number
// (and "dB" when `db`).
std::optional<double> parse_relative(std::string_view word, bool db) {
    if (word.empty() || (word.back() != '+' && word.back() != '-')) return std::nullopt;
    const double sign = word.back() == '-' ? -1.0 : 1.0;
    word.remove_suffix(1);
    if (db && ends_with_db(word)) word.remove_suffix(2);
    if (!starts_number(word)) return std::nullopt; // "-2dB-", "+2+": one sign is enough
    const auto v = parse_number(word);
    if (!v) return std::nullopt;
    return sign * *v;
}

std::optional<Change> parse_change(std::string_view word, bool db) {
    if (const auto d = parse_relative(word, db)) return Change{Change::Kind::relative, *d};
    if (db && ends_with_db(word)) word.remove_suffix(2);
    if (const auto v = parse_number(word)) return Change{Change::Kind::absolute, *v};
    return std::nullopt;
}

[[noreturn]] void refuse(std::string_view word, std::string_view what, std::string_view forms) {
    throw UsageError("\"" + std::string(word) + "\" is not " + std::string(what) + ": use " +
                     std::string(forms));
}

} // namespace

std::optional<double> parse_number(std::string_view word) {
    std::string_view digits = word;
    if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
        digits.remove_prefix(1);
        if (!starts_number(digits)) return std::nullopt; // "+-3", "-inf", "-"
    } else if (!starts_number(digits)) {
        return std::nullopt; // "", "nan", "inf", " 3"
    }
    // from_chars takes a '-' but no '+'.
    const std::string_view text = word.front() == '+' ? digits : word;
    double v = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
    return v;
}

Change parse_volume(std::string_view word) {
    if (word == "up") return {Change::Kind::step, 1.0};
    if (word == "down") return {Change::Kind::step, -1.0};
    if (const auto c = parse_change(word, true)) return *c;
    refuse(word, "a volume", "e.g. -20dB (absolute), 2dB+ / 3dB- (relative), up or down");
}

Change parse_tone(std::string_view what, std::string_view word) {
    if (const auto c = parse_change(word, true)) return *c;
    refuse(word, "a " + std::string(what) + " level",
           "e.g. +3dB or -2dB (absolute), 1.5dB+ / 2dB- (relative)");
}

Change parse_balance(std::string_view word) {
    if (word == "left") return {Change::Kind::absolute, -1.0};
    if (word == "center") return {Change::Kind::absolute, 0.0};
    if (word == "right") return {Change::Kind::absolute, 1.0};
    if (const auto c = parse_change(word, false)) return *c;
    refuse(word, "a balance",
           "-1 (left) to 1 (right), without unit: e.g. -0.5 (absolute), 0.1+ / 0.1- "
           "(relative), left, center or right");
}

Switch parse_switch(std::string_view what, std::string_view word) {
    if (word == "on") return Switch::on;
    if (word == "off") return Switch::off;
    if (word == "toggle") return Switch::toggle;
    refuse(word, "a " + std::string(what) + " setting", "on, off or toggle");
}

Change parse_sub_level(std::string_view word) {
    if (const auto c = parse_change(word, true)) return *c;
    refuse(word, "a sub setting",
           "on, off, toggle, or a level: e.g. -3dB (absolute), 2dB+ / 2dB- (relative)");
}

double parse_amount(std::string_view what, std::string_view unit, std::string_view example,
                    std::string_view word) {
    std::string_view digits = word;
    if (ends_with(digits, unit)) digits.remove_suffix(unit.size());
    if (const auto v = parse_number(digits)) return *v;
    refuse(word, what, "a number, e.g. " + std::string(example));
}

std::optional<bool> polarity_word(std::string_view word) noexcept {
    if (word == "normal") return false;
    if (word == "inverted") return true;
    return std::nullopt;
}

bool parse_polarity(std::string_view what, std::string_view word) {
    if (const auto v = polarity_word(word)) return *v;
    refuse(word, "a " + std::string(what), "normal or inverted");
}

} // namespace preamp::ctl
