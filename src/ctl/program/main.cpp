// preampctl: controls preampd over D-Bus. See ctl::help_text and man preampctl(1).

#include "Client.hpp"
#include "Meter.hpp"
#include "NoLevels.hpp"
#include "Output.hpp"
#include "Refusal.hpp"
#include "Runner.hpp"
#include "Unreachable.hpp"
#include "Watcher.hpp"
#include "ctl/Command.hpp"
#include "ctl/Globals.hpp"
#include "ctl/Help.hpp"
#include "ctl/UsageError.hpp"
#include "version.h"

#include <csignal>
#include <cstdio>
#include <exception>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using namespace preamp::ctl;

enum Exit { ok = 0, refused = 1, usage_error = 2, unreachable = 3, no_levels = 4 };

int usage_failure(const std::string& message) {
    std::fprintf(stderr, "preampctl: %s\nTry 'preampctl --help'.\n", message.c_str());
    return usage_error;
}

// Prints each change until SIGINT or SIGTERM. The signals are blocked before the event
// loop thread starts, so that only sigwait() here sees them.
int monitor(Client& client, bool json) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    Watcher watcher(client.connection(), client.name(), Client::kPath, json);
    client.connection().enterEventLoopAsync();
    int sig = 0;
    sigwait(&set, &sig);
    client.connection().leaveEventLoop();
    return ok;
}

int run(const Globals& globals, const Command& command) {
    Client client(globals);
    if (std::holds_alternative<Monitor>(command)) return monitor(client, globals.json);
    if (const auto* levels = std::get_if<Levels>(&command); levels && levels->watch)
        return Meter(client.preamp(), globals.json, isatty(STDOUT_FILENO) == 1).run();
    Output out(globals.json);
    std::visit(Runner(client, out), command);
    std::fputs(out.str().c_str(), stdout);
    return ok;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    Globals globals;
    Command command;
    try {
        globals = parse_globals(args);
        if (globals.help) {
            std::fputs(help_text().c_str(), stdout);
            return ok;
        }
        if (globals.version) {
            std::puts("preampctl " PREAMPD_VERSION);
            return ok;
        }
        command = parse(args);
    } catch (const UsageError& e) {
        return usage_failure(e.what());
    }
    if (const auto* help = std::get_if<Help>(&command)) {
        std::fputs((help->command.empty() ? help_text() : command_help(help->command)).c_str(),
                   stdout);
        return ok;
    }
    try {
        return run(globals, command);
    } catch (const Unreachable& e) {
        std::fprintf(stderr, "preampctl: %s\n", e.what());
        return unreachable;
    } catch (const NoLevels& e) {
        std::fprintf(stderr, "preampctl: %s\n", e.what());
        return no_levels;
    } catch (const sdbus::Error& e) {
        if (Client::unreachable(e)) {
            std::fprintf(stderr, "preampctl: preampd does not answer: %s\n",
                         e.getMessage().c_str());
            return unreachable;
        }
        if (e.getName() == "org.freedesktop.DBus.Error.AccessDenied") {
            // The bus's policy said no: say to what, and why.
            std::fprintf(stderr, "preampctl: %s\n", refusal(command, e.getMessage()).c_str());
            return refused;
        }
        if (e.getName() == "org.preampd.Error.SaveFailed") {
            // The message names the file and the system's error.
            std::fprintf(stderr, "preampctl: cannot save the state: %s\n",
                         e.getMessage().c_str());
            return refused;
        }
        std::fprintf(stderr, "preampctl: %s\n", e.getMessage().c_str());
        return refused;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "preampctl: %s\n", e.what());
        return refused;
    }
}
