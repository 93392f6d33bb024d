// InputDevice: an input device (or a FIFO standing in for one) opened and read.

#include "InputDevice.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/input.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace preamp::daemon {

static_assert(sizeof(input_event) == 24, "InputDevice::kEventSize is a 64-bit input_event");

InputDevice::InputDevice(std::string path)
    : fd_(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)), path_(std::move(path)) {
    if (!fd_) throw std::system_error(errno, std::generic_category(), path_);
    struct stat st {};
    if (::fstat(fd_.get(), &st) == 0) {
        dev_ = st.st_dev;
        ino_ = st.st_ino;
        regular_ = S_ISREG(st.st_mode);
    }
    std::array<char, 256> name{};
    if (::ioctl(fd_.get(), EVIOCGNAME(name.size() - 1), name.data()) >= 0 && name[0] != '\0')
        name_ = name.data();
    else
        name_ = path_; // ENOTTY: a FIFO or file standing in for a device
}

bool InputDevice::still_there() const {
    struct stat st {};
    return ::stat(path_.c_str(), &st) == 0 && st.st_dev == dev_ && st.st_ino == ino_;
}

std::string InputDevice::grab() {
    if (::ioctl(fd_.get(), EVIOCGRAB, 1) == 0) {
        grabbed_ = true;
        return "";
    }
    if (errno == ENOTTY || errno == EINVAL) return ""; // no evdev: nothing to grab
    if (errno == EBUSY) return "another program has grabbed it";
    return std::strerror(errno);
}

bool InputDevice::read(const std::function<void(const surfaces::InputSurface::Event&)>& each) {
    std::array<unsigned char, 64 * kEventSize> buf{};
    for (;;) {
        const ssize_t n = ::read(fd_.get(), buf.data(), buf.size());
        if (n < 0) return errno == EAGAIN || errno == EINTR; // ENODEV: unplugged
        if (n == 0) return false; // a FIFO's writer closed, the end of a file
        for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) {
            partial_[have_++] = buf[i];
            if (have_ < kEventSize) continue;
            input_event e{};
            std::memcpy(&e, partial_.data(), kEventSize);
            have_ = 0;
            each({e.type, e.code, e.value});
        }
    }
}

} // namespace preamp::daemon
