#pragma once

#include <chrono>
#include <string>

namespace preamp::daemon {

/// Our side of systemd's notify protocol (NOTIFY_SOCKET): readiness, status text, and
/// watchdog pings when WATCHDOG_USEC asks for them. Does nothing outside systemd.
class Notifier {
public:
    Notifier();

    void ready(const std::string& status);
    /// Sends STATUS= only when the text changed.
    void status(const std::string& text);
    void stopping();
    void ping();
    /// How often to ping (half of WATCHDOG_USEC), or zero when there is no watchdog.
    [[nodiscard]] std::chrono::microseconds ping_interval() const noexcept { return interval_; }

private:
    std::chrono::microseconds interval_{0};
    std::string status_;
};

} // namespace preamp::daemon
