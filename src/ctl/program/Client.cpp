#include "Client.hpp"

#include "Unreachable.hpp"
#include "dbus/BusNames.hpp"

#include <array>
#include <string_view>
#include <vector>

namespace preamp::ctl {

class Client::Proxy final : public sdbus::ProxyInterfaces<org::preampd::Preamp1_proxy> {
public:
    Proxy(sdbus::IConnection& connection, std::string name)
        : ProxyInterfaces(connection, std::move(name), kPath) {
        registerProxy();
    }
    ~Proxy() { unregisterProxy(); }
    Proxy(const Proxy&) = delete;
    Proxy& operator=(const Proxy&) = delete;
};

namespace {

std::unique_ptr<sdbus::IConnection> open(std::string_view bus) {
    return bus == "system" ? sdbus::createSystemBusConnection()
                           : sdbus::createSessionBusConnection();
}

} // namespace

Client::Client(const Globals& globals)
    : name_(globals.instance.empty() ? "org.preampd.Preamp"
                                     : "org.preampd.Preamp." + globals.instance) {
    std::vector<std::string_view> buses;
    if (globals.bus != Bus::system) buses.emplace_back("session");
    if (globals.bus != Bus::session) buses.emplace_back("system");

    std::string why;
    bool reached = false; // a bus at all
    for (const auto bus : buses) {
        if (!why.empty()) why += "; ";
        try {
            auto connection = open(bus);
            connection->setMethodCallTimeout(kCallTimeout);
            const bool owned = dbus::has_owner(*connection, name_);
            reached = true;
            if (owned) {
                bus_ = bus;
                connection_ = std::move(connection);
                proxy_ = std::make_unique<Proxy>(*connection_, name_);
                return;
            }
            why += name_ + " is not on the " + std::string(bus) + " bus";
        } catch (const sdbus::Error& e) {
            why += "no " + std::string(bus) + " bus (" + e.getMessage() + ")";
        }
    }
    const std::string who =
        globals.instance.empty() ? "preampd" : "preampd --instance " + globals.instance;
    throw Unreachable("cannot reach preampd: " + why +
                      (reached ? " (is " + who + " running?)" : ""));
}

Client::~Client() {
    proxy_.reset();
    connection_.reset();
}

org::preampd::Preamp1_proxy& Client::preamp() noexcept {
    return *proxy_;
}

bool Client::unreachable(const sdbus::Error& error) {
    static constexpr std::array kNames{
        "org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner",
        "org.freedesktop.DBus.Error.NoReply",        "org.freedesktop.DBus.Error.Timeout",
        "org.freedesktop.DBus.Error.TimedOut",       "org.freedesktop.DBus.Error.Disconnected",
        "org.freedesktop.DBus.Error.NoServer",       "org.freedesktop.DBus.Error.UnknownObject",
    };
    for (const char* n : kNames)
        if (error.getName() == n) return true;
    return false;
}

} // namespace preamp::ctl
