#pragma once

#include "ctl/Globals.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <preamp1-proxy.h>
#include <sdbus-c++/sdbus-c++.h>
#include <string>

namespace preamp::mqtt {

/// preamp-mqtt's D-Bus side: one connection to the bus preampd is on, the generated
/// org.preampd.Preamp1 proxy, its PropertiesChanged, and NameOwnerChanged for preampd's
/// name (it came, it went: a restart). The connection joins the program's poll loop
/// (fd(), events(), deadline(), process()); it never runs a thread. Calls to preampd give
/// up after kCallTimeout.
class PreampLink {
public:
    using Properties = std::map<std::string, sdbus::Variant>;
    static constexpr std::chrono::seconds kCallTimeout{1};
    struct Handlers {
        /// Properties that changed (with their values), or that were invalidated (then
        /// `invalidated`: read them all again).
        std::function<void(const Properties& changed, bool invalidated)> changed;
        /// preampd's name got an owner (true) or lost it (false).
        std::function<void(bool owned)> owner;
    };
    /// Lost: the bus connection is gone (the bus restarted); make a new PreampLink.
    using Lost = std::runtime_error;

    /// Opens the bus `bus` asks for (Bus::any: the one preampd is on now, else the session
    /// bus if there is one, else the system bus). Throws sdbus::Error when there is none.
    PreampLink(ctl::Bus bus, const std::string& instance, Handlers handlers);
    ~PreampLink();
    PreampLink(const PreampLink&) = delete;
    PreampLink& operator=(const PreampLink&) = delete;

    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] const std::string& bus() const noexcept { return bus_; }
    /// Whether preampd's name has an owner (asks the bus). Throws Lost.
    [[nodiscard]] bool owned();
    /// Every property (org.freedesktop.DBus.Properties.GetAll). Throws sdbus::Error.
    [[nodiscard]] Properties get_all();
    [[nodiscard]] org::preampd::Preamp1_proxy& preamp() noexcept;

    [[nodiscard]] int fd() const;
    [[nodiscard]] short events() const;
    /// When process() must run at the latest (steady clock), or time_point::max().
    [[nodiscard]] std::chrono::steady_clock::time_point deadline() const;
    /// Handles what has arrived; the handlers run in here. Throws Lost.
    void process();

private:
    class Proxy;

    std::string name_;
    std::string bus_;
    Handlers handlers_;
    std::unique_ptr<sdbus::IConnection> connection_;
    std::unique_ptr<Proxy> proxy_;
    std::unique_ptr<sdbus::IProxy> bus_proxy_;
};

} // namespace preamp::mqtt
