#include "Reexec.hpp"

#include "Log.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <linux/close_range.h>
#include <string>
#include <unistd.h>

namespace preamp::daemon {

void reexec(char** argv) noexcept {
    // Close-on-exec rather than closed now: if exec fails, the log still works.
    ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, nullptr);
    ::execv("/proc/self/exe", argv);
    const int error = errno;
    ::execvp(argv[0], argv);
    try {
        log::error(std::string("Cannot start preampd anew: ") + std::strerror(error));
    } catch (...) {
    }
}

} // namespace preamp::daemon
