#pragma once

// preampd's D-Bus service on the main loop: serving the bus when it has something for
// us, waking sd-bus at its deadlines, and carrying on without it once it is lost.

#include "EventLoop.hpp"
#include "dbus/Control.hpp"
#include "dbus/Service.hpp"

#include <functional>
#include <memory>
#include <string>

namespace preamp::daemon {

/// The bus connection of an Instance, watched by its event loop. Main thread only.
class BusLink {
public:
    explicit BusLink(EventLoop& loop);
    ~BusLink();
    BusLink(const BusLink&) = delete;
    BusLink& operator=(const BusLink&) = delete;

    /// Owns the bus name for `control` (dbus::Service; its errors propagate) and serves
    /// what is already waiting.
    void start(dbus::Control& control, bool system_bus, const std::string& instance);
    /// PropertiesChanged for whatever changed, however it changed; nothing before
    /// start() or once the bus is lost.
    void announce();

private:
    /// Handles what the bus brought, then waits for what sd-bus wants next.
    void serve();
    /// Runs `step` on the bus, then watches it; dbus::Service::Lost means lose().
    void use(const std::function<void()>& step);
    /// Watches the bus for what sd-bus waits for: reading, and writing while messages
    /// are queued (an announcement made outside a bus callback goes out when it can).
    void watch();
    /// The connection failed: warns once and serves it no more. The audio runs on and a
    /// stop stays clean; the service object stays, unserved (this may run inside one of
    /// its callbacks).
    void lose(const std::string& why);

    EventLoop& loop_;
    Timer timeout_;
    std::unique_ptr<dbus::Service> service_;
    bool lost_ = false;
};

} // namespace preamp::daemon
