#include "UniqueFd.hpp"

#include <unistd.h>

namespace preamp::render {

int UniqueFd::reset() noexcept {
    const int fd = std::exchange(fd_, -1);
    return fd >= 0 ? ::close(fd) : 0;
}

} // namespace preamp::render
