#include "Words.hpp"

#include "Errors.hpp"
#include "dsp/Limits.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace preamp::render {
namespace {

std::optional<bool> inverted(std::string_view v) {
    if (v == "normal") return false;
    if (v == "inverted") return true;
    return std::nullopt;
}

std::string_view trimmed(std::string_view v) {
    while (!v.empty() && v.front() == ' ')
        v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ')
        v.remove_suffix(1);
    return v;
}

} // namespace

bool parse_switch(const char* name, const char* arg) {
    if (arg == nullptr) return true;
    const std::string_view v(arg);
    if (v == "on" || v == "true" || v == "yes" || v == "1") return true;
    if (v == "off" || v == "false" || v == "no" || v == "0") return false;
    throw UsageError(std::string("--") + name + "=" + std::string(v) + ": expected on or off");
}

bool parse_polarity(const char* name, const char* arg) {
    if (const auto v = inverted(arg)) return *v;
    throw UsageError(std::string("--") + name + " \"" + arg +
                     "\" is not allowed: expected normal or inverted");
}

std::vector<bool> parse_polarity_list(const char* arg) {
    std::vector<bool> v;
    std::string_view rest(arg);
    for (;;) {
        const auto comma = rest.find(',');
        const auto one = inverted(trimmed(rest.substr(0, comma)));
        if (!one)
            throw UsageError("--polarity \"" + std::string(arg) + "\" is not allowed: expected " +
                             "normal or inverted for each channel, separated by commas " +
                             "(normal,inverted)");
        v.push_back(*one);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    if (v.size() > dsp::kMaxChannels)
        throw UsageError("--polarity \"" + std::string(arg) + "\" has " + std::to_string(v.size()) +
                         " values: at most " + std::to_string(dsp::kMaxChannels) +
                         ", one per channel");
    return v;
}

} // namespace preamp::render
