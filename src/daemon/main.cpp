// preampd: the preamplifier daemon. See Options::help_text and man preampd(8).

#include "Instance.hpp"
#include "Log.hpp"
#include "Memory.hpp"
#include "Options.hpp"
#include "Paths.hpp"
#include "Reexec.hpp"
#include "config/ConfigFile.hpp"
#include "core/InstanceName.hpp"
#include "version.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>

int main(int argc, char** argv) {
    using namespace preamp;
    daemon::Options options;
    try {
        options = daemon::Options::parse(argc, argv);
    } catch (const daemon::UsageError& e) {
        std::fprintf(stderr, "preampd: %s\nTry 'preampd --help'.\n", e.what());
        return 2;
    }
    if (options.help) {
        std::fputs(daemon::Options::help_text().c_str(), stdout);
        return 0;
    }
    if (options.version) {
        std::puts("preampd " PREAMPD_VERSION);
        return 0;
    }

    core::Config cfg;
    try {
        cfg = config::ConfigFile::load(options.config, {.state_file = daemon::Paths::state_file()});
    } catch (const std::exception& e) {
        if (options.check_config) {
            std::fprintf(stderr, "%s\n", e.what());
            return 1;
        }
        daemon::log::error(e.what());
        return 1;
    }
    if (options.check_config) {
        core::Config shown = cfg; // with the names this instance would take
        shown.jack.client_name = core::instance_name(cfg.jack.client_name, options.instance);
        shown.state.file = core::instance_name(cfg.state.file, options.instance);
        std::printf("%s: valid\n%s", options.config.c_str(),
                    config::ConfigFile::describe(shown).c_str());
        return 0;
    }

    // Before any thread starts (JACK's included), so these reach only our signalfd.
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGTERM, SIGINT, SIGHUP})
        sigaddset(&set, s);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    daemon::lock_memory();

    try {
        daemon::Instance instance(options, std::move(cfg));
        const int status = instance.run();
        if (instance.restart()) {
            daemon::reexec(argv);
            std::_Exit(1);
        }
        // libjack still holds its thread: unwinding would wait for it, or free what it uses.
        if (instance.abandoned()) std::_Exit(status);
        return status;
    } catch (const std::exception& e) {
        daemon::log::error(e.what());
        return 1;
    }
}
