#include "RawWriter.hpp"

#include "Errors.hpp"
#include "Interrupted.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace preamp::render {

RawWriter::RawWriter(int fd, unsigned channels, std::string name)
    : fd_(fd), frame_bytes_(channels * sizeof(float)), name_(std::move(name)) {}

void RawWriter::write(const float* buffer, std::size_t frames) {
    const char* bytes = reinterpret_cast<const char*>(buffer);
    std::size_t left = frames * frame_bytes_;
    while (left > 0) {
        const ssize_t n = ::write(fd_, bytes, left);
        if (n < 0) {
            if (errno != EINTR)
                throw RenderError("cannot write " + name_ + ": " + std::strerror(errno));
            Interrupted::check();
            continue;
        }
        bytes += n;
        left -= static_cast<std::size_t>(n);
    }
}

} // namespace preamp::render
