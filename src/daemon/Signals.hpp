#pragma once

#include "EventLoop.hpp"
#include "core/UniqueFd.hpp"

#include <functional>

namespace preamp::daemon {

/// SIGTERM, SIGINT and SIGHUP as the main loop sees them, through a signalfd (main()
/// blocks them before any thread starts, so no thread takes them otherwise): SIGHUP calls
/// `reload` (what it throws it has logged: that ends here), the others `stop`. Main
/// thread only.
class Signals {
public:
    /// Throws std::runtime_error when the signalfd cannot be made.
    Signals(EventLoop& loop, std::function<void()> reload, std::function<void()> stop);
    ~Signals();
    Signals(const Signals&) = delete;
    Signals& operator=(const Signals&) = delete;

private:
    void on_ready();

    EventLoop& loop_;
    core::UniqueFd fd_;
    std::function<void()> reload_;
    std::function<void()> stop_;
};

} // namespace preamp::daemon
