// preamp-mqtt: bridges preampd's D-Bus interface to an MQTT broker, with Home Assistant
// discovery. See help_text() and man preamp-mqtt(1).

#include "Bridge.hpp"
#include "BridgeFile.hpp"
#include "Options.hpp"
#include "config/ConfigError.hpp"
#include "config/ReadFile.hpp"
#include "ctl/UsageError.hpp"
#include "version.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <string>
#include <sys/signalfd.h>
#include <unistd.h>
#include <vector>

namespace {

using namespace preamp;
using namespace preamp::mqtt;

enum Exit { ok = 0, failure = 1, usage_error = 2 };

// The settings: the defaults, the file (--config), then the command line over both.
Settings settings_from(const Options& o) {
    Settings s;
    if (!o.config.empty()) s = BridgeFile::load(o.config, s);
    if (o.host) s.host = *o.host;
    if (o.port) s.port = *o.port;
    if (o.instance) s.instance = *o.instance;
    if (o.bus) s.bus = *o.bus;
    if (!s.password_file.empty()) {
        std::string text = config::read_config_file(AT_FDCWD, s.password_file,
                                                    s.password_file, true);
        s.password = text.substr(0, text.find('\n'));
        if (s.password.empty())
            throw config::ConfigError(s.password_file + ": empty: the password is its first line");
    }
    return s;
}

// SIGINT and SIGTERM, as a descriptor of the poll loop.
int signal_fd() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, nullptr);
    std::signal(SIGPIPE, SIG_IGN); // a broker gone mid-write is an error, not a death
    return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

// The one loop: poll over the signal descriptor, the broker's socket and the bus, with
// the earliest of the bridge's deadlines (at most a second: MQTT keep-alive).
int run(const Settings& settings) {
    const int sigfd = signal_fd();
    if (sigfd < 0) {
        std::fprintf(stderr, "preamp-mqtt: signalfd: %s\n", std::strerror(errno));
        return failure;
    }
    Bridge bridge(settings);
    std::vector<pollfd> fds;
    for (;;) {
        fds.clear();
        fds.push_back({sigfd, POLLIN, 0});
        bridge.fds(fds);
        const auto now = Bridge::Clock::now();
        const auto until = bridge.deadline();
        int timeout = 1000;
        if (until <= now)
            timeout = 0;
        else if (until - now < std::chrono::seconds(1))
            timeout = static_cast<int>(
                std::chrono::ceil<std::chrono::milliseconds>(until - now).count());
        if (poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) {
            std::fprintf(stderr, "preamp-mqtt: poll: %s\n", std::strerror(errno));
            return failure;
        }
        if (fds[0].revents & POLLIN) {
            signalfd_siginfo info{};
            if (::read(sigfd, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
                std::fprintf(stderr, "preamp-mqtt: %s: stopping\n", strsignal(static_cast<int>(info.ssi_signo)));
                bridge.shutdown();
                close(sigfd);
                return ok;
            }
        }
        bridge.handle(fds);
        bridge.tick(Bridge::Clock::now());
    }
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = parse_options(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const ctl::UsageError& e) {
        std::fprintf(stderr, "preamp-mqtt: %s\nTry 'preamp-mqtt --help'.\n", e.what());
        return usage_error;
    }
    if (options.help) {
        std::fputs(help_text(), stdout);
        return ok;
    }
    if (options.version) {
        std::puts("preamp-mqtt " PREAMPD_VERSION);
        return ok;
    }
    try {
        return run(settings_from(options));
    } catch (const config::ConfigError& e) {
        std::fprintf(stderr, "preamp-mqtt: %s\n", e.what());
        return failure;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "preamp-mqtt: %s\n", e.what());
        return failure;
    }
}
