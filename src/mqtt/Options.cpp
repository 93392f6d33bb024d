#include "Options.hpp"

#include "core/InstanceName.hpp"
#include "ctl/UsageError.hpp"

#include <charconv>

namespace preamp::mqtt {
namespace {

using ctl::UsageError;

// "HOST", "HOST:PORT", "[V6ADDR]:PORT".
void parse_broker(const std::string& word, Options& o) {
    std::string host = word;
    std::string port;
    if (word.starts_with('[')) {
        const auto close = word.find(']');
        if (close == std::string::npos) throw UsageError("--broker " + word + ": no closing ]");
        host = word.substr(1, close - 1);
        if (close + 1 < word.size()) {
            if (word[close + 1] != ':') throw UsageError("--broker " + word + ": HOST[:PORT]");
            port = word.substr(close + 2);
        }
    } else if (const auto colon = word.rfind(':'); colon != std::string::npos) {
        host = word.substr(0, colon);
        port = word.substr(colon + 1);
    }
    if (host.empty()) throw UsageError("--broker " + word + ": no host (HOST[:PORT])");
    o.host = host;
    if (word.find(':') == std::string::npos || (word.starts_with('[') && port.empty())) return;
    int p = 0;
    const auto r = std::from_chars(port.data(), port.data() + port.size(), p);
    if (r.ec != std::errc() || r.ptr != port.data() + port.size() || p < 1 || p > 65535)
        throw UsageError("--broker " + word + ": the port must be 1 to 65535, not \"" + port +
                         "\"");
    o.port = p;
}

} // namespace

Options parse_options(const std::vector<std::string>& args) {
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
            return args[++i];
        };
        if (a == "-h" || a == "--help") {
            o.help = true;
        } else if (a == "-V" || a == "--version") {
            o.version = true;
        } else if (a == "-c" || a == "--config") {
            o.config = value();
        } else if (a == "-b" || a == "--broker") {
            parse_broker(value(), o);
        } else if (a == "-i" || a == "--instance") {
            const std::string& name = value();
            if (!core::valid_instance_name(name))
                throw UsageError("--instance " + name + ": not an instance name (" +
                                 core::kInstanceNameRule + ")");
            o.instance = name;
        } else if (a == "--system") {
            if (o.bus == ctl::Bus::session) throw UsageError("--system and --user exclude each other");
            o.bus = ctl::Bus::system;
        } else if (a == "--user" || a == "--session") {
            if (o.bus == ctl::Bus::system) throw UsageError("--system and --user exclude each other");
            o.bus = ctl::Bus::session;
        } else {
            throw UsageError("unknown option \"" + a + "\"");
        }
    }
    return o;
}

const char* help_text() noexcept {
    return "usage: preamp-mqtt [OPTIONS]\n"
           "\n"
           "Bridges preampd (D-Bus) to an MQTT broker, with Home Assistant discovery.\n"
           "Topics under BASE (default preampd): BASE/state (retained JSON, the keys of\n"
           "preampctl --json status), BASE/availability (online/offline), BASE/SETTING/set\n"
           "(volume, mute, source, ...), BASE/error (what preampd refused). See preamp-mqtt(1).\n"
           "\n"
           "options:\n"
           "  -b, --broker HOST[:PORT]  the MQTT broker (default 127.0.0.1:1883)\n"
           "  -c, --config FILE         read FILE (preamp-mqtt.conf(5)); default: no file\n"
           "  -i, --instance NAME       bridge preampd --instance NAME (org.preampd.Preamp.NAME)\n"
           "      --system              find preampd on the system bus only\n"
           "      --user, --session     find preampd on the session bus only\n"
           "  -h, --help                print this and exit\n"
           "  -V, --version             print the version and exit\n";
}

} // namespace preamp::mqtt
