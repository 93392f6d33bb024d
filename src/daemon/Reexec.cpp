#include "Reexec.hpp"

#include "Log.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <linux/close_range.h>
#include <string>
#include <string_view>
#include <unistd.h>

namespace preamp::daemon {
namespace {

constexpr const char* kLinksVariable = "PREAMPD_INHERITED_LINKS";
constexpr const char* kXrunsVariable = "PREAMPD_INHERITED_XRUNS";

} // namespace

void hand_over(const std::vector<jack::Link>& links, std::uint64_t xruns) {
    ::setenv(kXrunsVariable, std::to_string(xruns).c_str(), 1);
    std::string text;
    for (const jack::Link& l : links)
        text.append(l.ours).append("\t").append(l.peer).append("\n");
    ::setenv(kLinksVariable, text.c_str(), 1);
}

std::uint64_t xruns_taken_over() {
    const char* value = std::getenv(kXrunsVariable);
    if (value == nullptr) return 0;
    const std::uint64_t xruns = std::strtoull(value, nullptr, 10);
    ::unsetenv(kXrunsVariable);
    return xruns;
}

std::vector<jack::Link> taken_over() {
    std::vector<jack::Link> links;
    const char* value = std::getenv(kLinksVariable);
    if (value == nullptr) return links;
    const std::string text = value;
    ::unsetenv(kLinksVariable); // not for the programs we may start
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        const std::string line = text.substr(at, end - at);
        const std::size_t tab = line.find('\t');
        if (tab != std::string::npos && tab > 0 && tab + 1 < line.size())
            links.push_back({line.substr(0, tab), line.substr(tab + 1)});
        at = end + 1;
    }
    return links;
}

void reexec(char** argv) noexcept {
    // Close-on-exec rather than closed now: if exec fails, the log still works.
    ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, nullptr);
    // The program's own path, not /proc/self/exe: the kernel names the process after the
    // file it runs ("exe" in ps and top otherwise). Gone (replaced by an upgrade, the
    // link reads "… (deleted)")? argv[0] as the shell would find it.
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        if (std::string_view(self).find(" (deleted)") == std::string_view::npos)
            ::execv(self, argv);
    }
    ::execvp(argv[0], argv);
    const int error = errno;
    try {
        log::error(std::string("Cannot start preampd anew: ") + std::strerror(error));
    } catch (...) {
    }
}

} // namespace preamp::daemon
