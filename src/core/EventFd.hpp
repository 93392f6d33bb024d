#pragma once

// An eventfd as a doorbell between threads: one side rings, the other's poll wakes and
// clears it.

#include "UniqueFd.hpp"

namespace preamp::core {

/// A non-blocking, close-on-exec eventfd. Throws std::system_error if none can be made.
class EventFd {
public:
    EventFd();

    /// For poll or the main loop: readable once rung, until cleared.
    [[nodiscard]] int fd() const noexcept { return fd_.get(); }
    /// Wakes whoever polls fd(). Any thread; a write(2), so never the process callback.
    void ring() const noexcept;
    /// Makes fd() unreadable again, however often it was rung.
    void clear() const noexcept;

private:
    UniqueFd fd_;
};

} // namespace preamp::core
