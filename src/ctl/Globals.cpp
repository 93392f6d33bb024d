#include "Globals.hpp"

#include "UsageError.hpp"
#include "core/InstanceName.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>

namespace preamp::ctl {
namespace {

void set_instance(Globals& g, const std::string& name, std::string_view option) {
    if (!g.instance.empty())
        throw UsageError(std::string(option) + " given twice (\"" + g.instance + "\", \"" + name +
                         "\"): preampctl talks to one instance");
    if (!core::valid_instance_name(name))
        throw UsageError(std::string(option) + " \"" + name +
                         "\" is not a valid instance name: " + core::kInstanceNameRule);
    g.instance = name;
}

void set_bus(Globals& g, Bus bus, std::string_view option) {
    if (g.bus != Bus::any && g.bus != bus)
        throw UsageError(std::string(option) +
                         " contradicts the other bus option: give either --session or --system");
    g.bus = bus;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

// The options of commands, which parse() checks: they pass through here.
bool is_command_option(std::string_view word) noexcept {
    return word == "-h" || word == "--help" || word == "--watch";
}

} // namespace

bool is_option(std::string_view word) noexcept {
    if (word.size() < 2 || word.front() != '-') return false;
    // A digit or a point after the minus (or two: a mistyped value): -20dB, -.5, --20.
    const char after = word.size() > 2 && word[1] == '-' ? word[2] : word[1];
    if ((after >= '0' && after <= '9') || after == '.') return false;
    word.remove_prefix(1);
    for (const std::string_view spelled : {"inf", "nan", "infinity"})
        if (equal_ignoring_case(word, spelled)) return false;
    return true;
}

Globals parse_globals(std::vector<std::string>& args) {
    Globals g;
    std::vector<std::string> rest;
    bool command_seen = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            rest.insert(rest.end(), args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
            break;
        }
        if (!is_option(a)) {
            command_seen = true;
            rest.push_back(a);
        } else if (a == "--json") {
            g.json = true;
        } else if (a == "-i" || a == "--instance") {
            // A NAME never starts with '-' here, so "-i --json" reports the missing NAME.
            if (i + 1 == args.size() || args[i + 1].starts_with('-'))
                throw UsageError(a + " needs an instance NAME, e.g. preampctl " + a +
                                 " zone2 status");
            set_instance(g, args[++i], a);
        } else if (a.starts_with("--instance=")) {
            set_instance(g, a.substr(11), "--instance");
        } else if (a.starts_with("-i") && !a.starts_with("--")) {
            set_instance(g, a.substr(2), "-i");
        } else if (a == "--session" || a == "--user") {
            set_bus(g, Bus::session, a);
        } else if (a == "--system") {
            set_bus(g, Bus::system, a);
        } else if ((a == "-h" || a == "--help") && !command_seen) {
            g.help = true;
        } else if (a == "--version") {
            g.version = true;
        } else if (is_command_option(a)) {
            rest.push_back(a);
        } else {
            throw UsageError("unknown option \"" + a +
                             "\": the options are --json, -i NAME, --session, --system, --help "
                             "and --version; levels also takes --watch");
        }
    }
    args = std::move(rest);
    return g;
}

} // namespace preamp::ctl
