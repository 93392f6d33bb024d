#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace preamp::test {

/// systemd's side of the notify protocol: a datagram socket a daemon is pointed at with
/// NOTIFY_SOCKET, and the messages it sends ("READY=1\nSTATUS=…", "WATCHDOG=1").
class NotifySocket {
public:
    NotifySocket(); ///< binds a fresh socket in a temporary directory
    ~NotifySocket();
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    /// "NOTIFY_SOCKET=<path>", for a child's environment.
    [[nodiscard]] std::string env() const { return "NOTIFY_SOCKET=" + path_; }
    /// The next message, or nothing after `timeout`.
    std::optional<std::string> receive(std::chrono::milliseconds timeout);
    /// Reads messages until one contains `needle` (returns it) or `timeout` passes.
    std::optional<std::string> wait_for(const std::string& needle,
                                        std::chrono::milliseconds timeout);
    /// Discards the messages already waiting.
    void drain();
    /// Messages containing `needle` during the next `window`.
    int count(const std::string& needle, std::chrono::milliseconds window);

private:
    std::string dir_;
    std::string path_;
    int fd_ = -1;
};

} // namespace preamp::test
