#include "PreampLink.hpp"

#include "dbus/BusNames.hpp"

#include <cstdlib>
#include <ctime>
#include <limits>

namespace preamp::mqtt {

class PreampLink::Proxy final
    : public sdbus::ProxyInterfaces<org::preampd::Preamp1_proxy, sdbus::Properties_proxy> {
public:
    Proxy(sdbus::IConnection& connection, std::string name, PreampLink& link)
        : ProxyInterfaces(connection, std::move(name), "/org/preampd/Preamp"), link_(link) {
        registerProxy();
    }
    ~Proxy() { unregisterProxy(); }
    Proxy(const Proxy&) = delete;
    Proxy& operator=(const Proxy&) = delete;

private:
    void onPropertiesChanged(const std::string& interface,
                             const std::map<std::string, sdbus::Variant>& changed,
                             const std::vector<std::string>& invalidated) override {
        if (interface != "org.preampd.Preamp1" || !link_.handlers_.changed) return;
        link_.handlers_.changed(changed, !invalidated.empty());
    }

    PreampLink& link_;
};

namespace {

std::unique_ptr<sdbus::IConnection> open(const std::string& bus) {
    auto c =
        bus == "system" ? sdbus::createSystemBusConnection() : sdbus::createSessionBusConnection();
    c->setMethodCallTimeout(PreampLink::kCallTimeout);
    return c;
}

// Bus::any: the bus preampd is on now; else the session bus, if there is one.
std::unique_ptr<sdbus::IConnection> choose(const std::string& name, std::string& chosen) {
    std::unique_ptr<sdbus::IConnection> session;
    try {
        session = open("session");
        if (dbus::has_owner(*session, name)) {
            chosen = "session";
            return session;
        }
    } catch (const sdbus::Error&) {
        session.reset();
    }
    try {
        auto system = open("system");
        if (dbus::has_owner(*system, name) || !session) {
            chosen = "system";
            return system;
        }
    } catch (const sdbus::Error&) {
        if (!session) throw;
    }
    chosen = "session";
    return session;
}

} // namespace

PreampLink::PreampLink(ctl::Bus bus, const std::string& instance, Handlers handlers)
    : name_(instance.empty() ? "org.preampd.Preamp" : "org.preampd.Preamp." + instance),
      handlers_(std::move(handlers)) {
    if (bus == ctl::Bus::any) {
        connection_ = choose(name_, bus_);
    } else {
        bus_ = bus == ctl::Bus::system ? "system" : "session";
        connection_ = open(bus_);
    }
    bus_proxy_ = sdbus::createProxy(*connection_, "org.freedesktop.DBus", "/org/freedesktop/DBus");
    bus_proxy_->uponSignal("NameOwnerChanged")
        .onInterface("org.freedesktop.DBus")
        .call([this](const std::string& name, const std::string&, const std::string& owner) {
            if (name == name_ && handlers_.owner) handlers_.owner(!owner.empty());
        });
    bus_proxy_->finishRegistration();
    proxy_ = std::make_unique<Proxy>(*connection_, name_, *this);
}

PreampLink::~PreampLink() {
    proxy_.reset();
    bus_proxy_.reset();
    connection_.reset();
}

bool PreampLink::owned() {
    try {
        return dbus::has_owner(*connection_, name_);
    } catch (const sdbus::Error& e) {
        throw Lost("the " + bus_ + " bus does not answer: " + e.getMessage());
    }
}

PreampLink::Properties PreampLink::get_all() {
    return proxy_->GetAll("org.preampd.Preamp1");
}

org::preampd::Preamp1_proxy& PreampLink::preamp() noexcept {
    return *proxy_;
}

int PreampLink::fd() const {
    return connection_->getEventLoopPollData().fd;
}

short PreampLink::events() const {
    try {
        return connection_->getEventLoopPollData().events;
    } catch (const sdbus::Error& e) {
        throw Lost("the " + bus_ + " bus connection is gone: " + e.getMessage());
    }
}

std::chrono::steady_clock::time_point PreampLink::deadline() const {
    std::uint64_t usec = 0;
    try {
        usec = connection_->getEventLoopPollData().timeout_usec;
    } catch (const sdbus::Error& e) {
        throw Lost("the " + bus_ + " bus connection is gone: " + e.getMessage());
    }
    if (usec == std::numeric_limits<std::uint64_t>::max())
        return std::chrono::steady_clock::time_point::max();
    // sd-bus's timeout is CLOCK_MONOTONIC, as steady_clock is on Linux.
    return std::chrono::steady_clock::time_point(std::chrono::microseconds(usec));
}

void PreampLink::process() {
    try {
        while (connection_->processPendingRequest()) {
        }
    } catch (const sdbus::Error& e) {
        throw Lost("the " + bus_ + " bus connection is gone: " + e.getMessage());
    }
}

} // namespace preamp::mqtt
