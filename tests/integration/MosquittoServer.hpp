#pragma once

#include "DaemonProcess.hpp"
#include "TempDir.hpp"

#include <optional>
#include <string>

namespace preamp::test {

/// A real mosquitto broker of the test's own (Debian's package; $MOSQUITTO), listening on
/// a free loopback port with a config file in a temporary directory: anonymous, no
/// persistence (a restart forgets every retained message, as a broker that lost its disk
/// would). start() returns once it accepts TCP connections. Main thread only.
class MosquittoServer {
public:
    /// Picks a free port; does not start yet.
    explicit MosquittoServer(std::string program);
    ~MosquittoServer() = default;
    MosquittoServer(const MosquittoServer&) = delete;
    MosquittoServer& operator=(const MosquittoServer&) = delete;

    /// Starts it (again, on the same port); throws std::runtime_error with its log if it
    /// does not accept connections within 5 s.
    void start();
    /// SIGKILL, as a crash would.
    void kill();
    [[nodiscard]] int port() const noexcept { return port_; }
    [[nodiscard]] std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
    [[nodiscard]] std::string log() const { return process_ ? process_->log() : ""; }

private:
    std::string program_;
    TempDir dir_;
    int port_ = 0;
    std::optional<DaemonProcess> process_;
};

} // namespace preamp::test
