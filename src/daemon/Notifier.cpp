#include "Notifier.hpp"

#include <systemd/sd-daemon.h>

namespace preamp::daemon {

Notifier::Notifier() {
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0) interval_ = std::chrono::microseconds(usec / 2);
}

void Notifier::ready(const std::string& text) {
    status_ = text;
    sd_notify(0, ("READY=1\nSTATUS=" + text).c_str());
}

void Notifier::status(const std::string& text) {
    if (text == status_) return;
    status_ = text;
    sd_notify(0, ("STATUS=" + text).c_str());
}

void Notifier::stopping() {
    sd_notify(0, "STOPPING=1\nSTATUS=Stopping");
}

void Notifier::ping() {
    sd_notify(0, "WATCHDOG=1");
}

} // namespace preamp::daemon
