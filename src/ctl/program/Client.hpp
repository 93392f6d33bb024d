#pragma once

#include "ctl/Globals.hpp"

#include <chrono>
#include <memory>
#include <preamp1-proxy.h>
#include <sdbus-c++/sdbus-c++.h>
#include <string>

namespace preamp::ctl {

/// preampctl's connection to one preampd: the bus it was found on and the generated
/// org.preampd.Preamp1 proxy. Every call gives up after kCallTimeout, so that a daemon
/// that does not answer is reported, never waited for.
class Client {
public:
    static constexpr std::chrono::seconds kCallTimeout{1};
    static constexpr const char* kPath = "/org/preampd/Preamp";

    /// Finds org.preampd.Preamp (or org.preampd.Preamp.INSTANCE) on the bus `globals`
    /// asks for: with Bus::any the session bus, then the system bus. Throws Unreachable
    /// naming the buses tried and why, when it is on none.
    explicit Client(const Globals& globals);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    [[nodiscard]] org::preampd::Preamp1_proxy& preamp() noexcept;
    [[nodiscard]] sdbus::IConnection& connection() noexcept { return *connection_; }
    /// The well-known name of the daemon, e.g. "org.preampd.Preamp.zone2".
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// "session" or "system".
    [[nodiscard]] const std::string& bus() const noexcept { return bus_; }

    /// Whether `error` says the daemon was not reached (gone, no reply, no bus) rather
    /// than that it refused the request.
    [[nodiscard]] static bool unreachable(const sdbus::Error& error);

private:
    class Proxy;

    std::string name_;
    std::string bus_;
    std::unique_ptr<sdbus::IConnection> connection_;
    std::unique_ptr<Proxy> proxy_;
};

} // namespace preamp::ctl
