#include "UniqueFd.hpp"

#include <unistd.h>

namespace preamp::core {

int UniqueFd::reset() noexcept {
    const int fd = std::exchange(fd_, -1);
    return fd >= 0 ? ::close(fd) : 0;
}

} // namespace preamp::core
