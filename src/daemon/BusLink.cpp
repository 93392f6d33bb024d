#include "BusLink.hpp"

#include "Log.hpp"

#include <chrono>
#include <ctime>

namespace preamp::daemon {

BusLink::BusLink(EventLoop& loop) : loop_(loop), timeout_(loop, [this] { serve(); }) {}

BusLink::~BusLink() {
    if (service_ && !lost_) loop_.remove(service_->fd());
}

void BusLink::start(dbus::Control& control, bool system_bus, const std::string& instance) {
    service_ = std::make_unique<dbus::Service>(
        control, system_bus ? dbus::Service::Bus::system : dbus::Service::Bus::session, instance);
    loop_.add(
        service_->fd(), [this] { serve(); }, static_cast<unsigned>(service_->events()));
    log::info("Controlled as " + service_->name() + " on the " +
              (system_bus ? "system" : "session") + " bus");
    serve();
}

void BusLink::announce() {
    use([this] { service_->announce(); });
}

void BusLink::serve() {
    use([this] { service_->process(); });
}

void BusLink::use(const std::function<void()>& step) {
    if (!service_ || lost_) return;
    try {
        step();
        if (!lost_) watch();
    } catch (const dbus::Service::Lost& e) {
        lose(e.what());
    }
}

void BusLink::watch() {
    loop_.watch(service_->fd(), static_cast<unsigned>(service_->events()));
    const auto deadline = service_->deadline();
    if (deadline == std::chrono::microseconds::max()) {
        timeout_.stop();
        return;
    }
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    const auto now_us = std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
    timeout_.start(std::chrono::duration_cast<std::chrono::nanoseconds>(deadline) - now_us);
}

void BusLink::lose(const std::string& why) {
    if (lost_) return;
    lost_ = true;
    loop_.remove(service_->fd());
    timeout_.stop();
    log::warning("Lost the D-Bus connection (" + why +
                 "): no longer controlled until restarted; the audio runs on");
}

} // namespace preamp::daemon
