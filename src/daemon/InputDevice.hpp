#pragma once

#include "core/UniqueFd.hpp"
#include "surfaces/InputSurface.hpp"

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <sys/types.h>

namespace preamp::daemon {

/// One open input device: an evdev node, or a stand-in for one (a FIFO or a regular
/// file carrying recorded struct input_event), read the same way after open(). Main
/// thread only.
class InputDevice {
public:
    /// Opens `path` O_RDONLY|O_NONBLOCK|O_CLOEXEC; its name is EVIOCGNAME's, else (a
    /// stand-in: ENOTTY) the path. Throws std::system_error with open()'s errno.
    explicit InputDevice(std::string path);

    [[nodiscard]] int fd() const noexcept { return fd_.get(); }
    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] bool grabbed() const noexcept { return grabbed_; }
    /// A regular file: epoll does not take it, so it is read once, when opened.
    [[nodiscard]] bool regular() const noexcept { return regular_; }
    /// Whether this is the file `dev` / `ino` (a device reached by two paths is one).
    [[nodiscard]] bool is(dev_t dev, ino_t ino) const noexcept {
        return dev_ == dev && ino_ == ino;
    }
    /// Whether path() still leads to this device (it was not removed or replaced).
    [[nodiscard]] bool still_there() const;

    /// EVIOCGRAB: the events go to preampd alone. "" when grabbed (or a stand-in, which
    /// has nothing to grab), else why not.
    std::string grab();

    /// Reads what is waiting, handing each whole event to `each`; a piece of one (a
    /// stand-in written in pieces) waits for the rest. False when the device is gone:
    /// ENODEV, another read error, or the end of a FIFO's writer or of a file.
    bool read(const std::function<void(const surfaces::InputSurface::Event&)>& each);

private:
    static constexpr std::size_t kEventSize = 24; ///< sizeof(struct input_event), checked

    core::UniqueFd fd_;
    std::string path_;
    std::string name_;
    bool grabbed_ = false;
    bool regular_ = false;
    dev_t dev_ = 0;
    ino_t ino_ = 0;
    std::array<unsigned char, kEventSize> partial_{};
    std::size_t have_ = 0; // bytes of partial_ read
};

} // namespace preamp::daemon
