#include "Signals.hpp"

#include <csignal>
#include <stdexcept>
#include <sys/signalfd.h>
#include <unistd.h>

namespace preamp::daemon {

Signals::Signals(EventLoop& loop, std::function<void()> reload, std::function<void()> stop)
    : loop_(loop), reload_(std::move(reload)), stop_(std::move(stop)) {
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGTERM, SIGINT, SIGHUP})
        sigaddset(&set, s);
    fd_ = core::UniqueFd(::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
    if (!fd_) throw std::runtime_error("cannot create the signal descriptor");
    loop_.add(fd_.get(), [this] { on_ready(); });
}

Signals::~Signals() {
    loop_.remove(fd_.get());
}

void Signals::on_ready() {
    signalfd_siginfo info{};
    while (::read(fd_.get(), &info, sizeof info) == sizeof info) {
        if (info.ssi_signo == SIGHUP) {
            try {
                reload_();
            } catch (const std::exception&) {
                // reload's to log; the running configuration stays
            }
        } else
            stop_();
    }
}

} // namespace preamp::daemon
