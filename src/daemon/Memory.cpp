#include "Memory.hpp"

#include "Log.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

namespace preamp::daemon {

void lock_memory() {
    rlimit limit{};
    ::getrlimit(RLIMIT_MEMLOCK, &limit);
    const bool unlimited = limit.rlim_cur == RLIM_INFINITY;
    if (!unlimited && ::geteuid() != 0) {
        log::info("Memory not locked: RLIMIT_MEMLOCK is " + std::to_string(limit.rlim_cur / 1024) +
                  " KiB (preampd.service sets LimitMEMLOCK=infinity); the process callback "
                  "may wait for a page fault");
        return;
    }
    if (::mlockall(MCL_CURRENT | MCL_FUTURE) != 0)
        log::warning(std::string("Memory not locked: mlockall: ") + std::strerror(errno));
}

} // namespace preamp::daemon
