#pragma once

#include <chrono>
#include <thread>

namespace preamp::test {

/// Calls `done` every `interval` until it returns true (then true) or `timeout` has
/// passed (then false, after one last call).
template <typename Predicate>
bool poll_until(Predicate&& done, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval = std::chrono::milliseconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const bool late = std::chrono::steady_clock::now() >= deadline;
        if (done()) return true;
        if (late) return false;
        std::this_thread::sleep_for(interval);
    }
}

} // namespace preamp::test
