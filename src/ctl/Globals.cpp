#include "Globals.hpp"

#include "UsageError.hpp"
#include "core/InstanceName.hpp"

#include <algorithm>
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

} // namespace

bool is_global_option(std::string_view word) noexcept {
    return word == "--json" || word == "-i" || word == "--instance" ||
           word.starts_with("--instance=") || word == "--session" || word == "--user" ||
           word == "--system" || word == "--version";
}

Globals parse_globals(std::vector<std::string>& args) {
    Globals g;
    std::size_t i = 0;
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            ++i;
            break;
        }
        if (a.size() < 2 || a.front() != '-') break; // the command ("-" alone is no option)
        if (a == "--json") {
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
        } else if (a == "-h" || a == "--help") {
            g.help = true;
        } else if (a == "--version") {
            g.version = true;
        } else {
            throw UsageError("unknown option \"" + a +
                             "\": the options are --json, -i NAME, --session, --system, --help "
                             "and --version, before the command");
        }
    }
    args.erase(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(i));
    return g;
}

} // namespace preamp::ctl
