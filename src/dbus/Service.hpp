#pragma once

#include "Control.hpp"
#include "core/Error.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace sdbus {
class IConnection;
}

namespace preamp::dbus {

class Adaptor;

/// preampd on D-Bus: owns the bus connection and the object /org/preampd/Preamp with the
/// interface org.preampd.Preamp1. It is driven by the daemon's own event loop: poll
/// fd() for events(), call process() when ready or at deadline(). Main thread only.
class Service {
public:
    enum class Bus { session, system };

    /// The bus connection has failed (the bus went away): events(), deadline(), process()
    /// and announce() throw it from then on, and the Service is of no more use.
    using Lost = core::Error<struct BusLostKind>;

    /// Connects and owns org.preampd.Preamp (or org.preampd.Preamp.INSTANCE); throws
    /// std::runtime_error naming the bus and the name when it cannot (no bus, name taken).
    Service(Control& control, Bus bus, const std::string& instance);
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] int fd() const noexcept { return fd_; }
    /// poll(2) events to wait for.
    [[nodiscard]] short events() const;
    /// When process() is due even without events (sd-bus timeouts); max() for never.
    [[nodiscard]] std::chrono::microseconds deadline() const;
    /// Handles everything pending.
    void process();
    /// Emits PropertiesChanged for every property whose value changed since the last
    /// call, whatever changed it. Call after any change.
    void announce();

private:
    std::string name_;
    std::unique_ptr<sdbus::IConnection> connection_;
    std::unique_ptr<Adaptor> adaptor_;
    int fd_;
};

} // namespace preamp::dbus
