#include "Service.hpp"

#include "Adaptor.hpp"

#include <limits>
#include <stdexcept>

namespace preamp::dbus {
namespace {

std::unique_ptr<sdbus::IConnection> connect(Service::Bus bus, const std::string& name) {
    const char* which = bus == Service::Bus::system ? "system" : "session";
    try {
        return bus == Service::Bus::system ? sdbus::createSystemBusConnection(name)
                                           : sdbus::createSessionBusConnection(name);
    } catch (const sdbus::Error& e) {
        std::string why = "cannot own " + name + " on the " + which + " bus: " + e.getMessage();
        if (bus == Service::Bus::session && e.getMessage().find("open bus") != std::string::npos)
            why = "no D-Bus session bus to be controlled on (" + e.getMessage() +
                  "): set DBUS_SESSION_BUS_ADDRESS, or run with --system";
        else if (e.getMessage().find("File exists") != std::string::npos ||
                 e.getName().find("EEXIST") != std::string::npos)
            why = name + " is already owned on the " + which +
                  " bus: another preampd runs (use --instance NAME for a second one)";
        throw std::runtime_error(why);
    }
}

// Runs `f` on the connection; sd-bus's failures there mean the connection is lost.
template <class F>
auto on_connection(F&& f) {
    try {
        return f();
    } catch (const sdbus::Error& e) {
        throw Service::Lost(e.what());
    }
}

} // namespace

Service::Service(Control& control, Bus bus, const std::string& instance)
    : name_(instance.empty() ? "org.preampd.Preamp" : "org.preampd.Preamp." + instance),
      connection_(connect(bus, name_)), adaptor_(std::make_unique<Adaptor>(*connection_, control)),
      fd_(connection_->getEventLoopPollData().fd) {}

Service::~Service() {
    adaptor_.reset();
    connection_.reset();
}

short Service::events() const {
    return on_connection([&] { return connection_->getEventLoopPollData().events; });
}

std::chrono::microseconds Service::deadline() const {
    const auto usec =
        on_connection([&] { return connection_->getEventLoopPollData().timeout_usec; });
    if (usec == std::numeric_limits<std::uint64_t>::max()) return std::chrono::microseconds::max();
    return std::chrono::microseconds(usec);
}

void Service::process() {
    on_connection([&] {
        while (connection_->processPendingRequest()) {
        }
    });
}

void Service::announce() {
    on_connection([&] { adaptor_->announce(); });
}

} // namespace preamp::dbus
