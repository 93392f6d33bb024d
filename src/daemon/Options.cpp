#include "Options.hpp"

#include "Paths.hpp"
#include "core/InstanceName.hpp"

#include <algorithm>
#include <cctype>
#include <getopt.h>
#include <stdexcept>

namespace preamp::daemon {

std::string Options::help_text() {
    std::string text = R"(Usage: preampd [OPTIONS]

The preamplifier of a hi-fi amplifier as a JACK client: named stereo sources in, a
source selector, rec_out (the selected source, untouched) and pre_out (trim, tone,
loudness, balance, volume, mute). It never starts a JACK server: it waits for one,
and keeps its ports and connections across server restarts.

Options:
  -c, --config FILE     the configuration file; by default
                        $CONFIGURATION_DIRECTORY/preampd.conf under systemd,
                        else @CONFIG@
      --check-config    load and check the configuration, print it, and exit:
                        0 when it is valid, 1 when not
  -i, --instance NAME   a second preamp on this machine (a zone): JACK client
                        "<client_name>-NAME", state file "<state.file>-NAME";
                        NAME: a lower-case letter, then up to 31 of a-z 0-9 _ -
      --system          be controlled on the D-Bus system bus (as a system
                        service); the default is the session bus
  -h, --help            this text
      --version         print the version

Signals: SIGTERM/SIGINT fade pre_out out, save the state and exit; SIGHUP reloads
the configuration (an invalid one is refused and the running one kept).
Files: the state (volume, source, tone…) is kept in the configuration's state.file;
by default $STATE_DIRECTORY/state under systemd, else @STATE@.
Exit status: 0 stopped cleanly, 1 failed (e.g. invalid configuration), 2 usage error.
)";
    for (const auto& [word, path] :
         {std::pair<std::string, std::string>{"@CONFIG@", Paths::built_config_file()},
          {"@STATE@", Paths::built_state_file()}})
        text.replace(text.find(word), word.size(), path);
    return text;
}

Options Options::parse(int argc, char** argv) {
    enum { kCheck = 256, kVersion, kSystem };
    static const option longs[] = {{"config", required_argument, nullptr, 'c'},
                                   {"check-config", no_argument, nullptr, kCheck},
                                   {"instance", required_argument, nullptr, 'i'},
                                   {"help", no_argument, nullptr, 'h'},
                                   {"version", no_argument, nullptr, kVersion},
                                   {"system", no_argument, nullptr, kSystem},
                                   {nullptr, 0, nullptr, 0}};
    Options o;
    bool config_given = false;
    opterr = 0;
    optind = 1;
    for (;;) {
        const int c = getopt_long(argc, argv, ":c:i:h", longs, nullptr);
        if (c == -1) break;
        switch (c) {
        case 'c':
            o.config = optarg;
            config_given = true;
            break;
        case 'i':
            o.instance = optarg;
            break;
        case 'h':
            o.help = true;
            break;
        case kCheck:
            o.check_config = true;
            break;
        case kVersion:
            o.version = true;
            break;
        case kSystem:
            o.system_bus = true;
            break;
        case ':':
            throw UsageError(std::string("option ") + argv[optind - 1] + " needs a value");
        default:
            throw UsageError(std::string("unknown option ") + argv[optind - 1]);
        }
    }
    if (optind < argc)
        throw UsageError(std::string("unexpected argument \"") + argv[optind] + "\"");
    if (config_given && o.config.empty()) throw UsageError("--config needs a file name");
    if (!config_given) o.config = Paths::config_file();
    if (!o.instance.empty() && !core::valid_instance_name(o.instance))
        throw UsageError("--instance \"" + o.instance +
                         "\" is not a valid name: " + core::kInstanceNameRule);
    return o;
}

} // namespace preamp::daemon
