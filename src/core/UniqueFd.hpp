#pragma once

#include <utility>

namespace preamp::core {

/// Owns a file descriptor: closes it on destruction unless released.
class UniqueFd {
public:
    UniqueFd() noexcept = default;
    explicit UniqueFd(int fd) noexcept : fd_(fd) {}
    UniqueFd(UniqueFd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
    UniqueFd& operator=(UniqueFd&& o) noexcept {
        if (this != &o) {
            reset();
            fd_ = std::exchange(o.fd_, -1);
        }
        return *this;
    }
    ~UniqueFd() { reset(); }

    [[nodiscard]] int get() const noexcept { return fd_; }
    [[nodiscard]] explicit operator bool() const noexcept { return fd_ >= 0; }
    /// Gives up ownership.
    int release() noexcept { return std::exchange(fd_, -1); }
    /// Closes now; returns close()'s result (0 when there was nothing to close).
    int reset() noexcept;

private:
    int fd_ = -1;
};

} // namespace preamp::core
