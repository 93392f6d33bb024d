#include "EventLoop.hpp"

#include <array>
#include <cerrno>
#include <cstdint>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <system_error>
#include <unistd.h>

namespace preamp::daemon {
namespace {

[[noreturn]] void fail(const char* what) {
    throw std::system_error(errno, std::generic_category(), what);
}

timespec to_timespec(std::chrono::nanoseconds d) {
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(d);
    return {static_cast<time_t>(s.count()), static_cast<long>((d - s).count())};
}

} // namespace

EventLoop::EventLoop() : epoll_(::epoll_create1(EPOLL_CLOEXEC)) {
    if (epoll_.get() < 0) fail("epoll_create1");
}

void EventLoop::add(int fd, std::function<void()> ready, unsigned events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &ev) != 0) fail("epoll_ctl");
    handlers_[fd] = std::move(ready);
}

void EventLoop::watch(int fd, unsigned events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    if (::epoll_ctl(epoll_.get(), EPOLL_CTL_MOD, fd, &ev) != 0) fail("epoll_ctl");
}

void EventLoop::remove(int fd) {
    ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
    handlers_.erase(fd);
}

void EventLoop::run() {
    running_ = true;
    std::array<epoll_event, 16> events{};
    while (running_) {
        const int n = ::epoll_wait(epoll_.get(), events.data(), events.size(), -1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("epoll_wait");
        for (int i = 0; i < n && running_; ++i) {
            const auto it = handlers_.find(events[i].data.fd);
            if (it == handlers_.end()) continue;
            auto handler = it->second; // it may remove itself
            handler();
        }
    }
}

Timer::Timer(EventLoop& loop, std::function<void()> expired)
    : loop_(loop), fd_(::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC)),
      expired_(std::move(expired)) {
    if (fd_.get() < 0) fail("timerfd_create");
    loop_.add(fd_.get(), [this] {
        std::uint64_t n = 0;
        if (::read(fd_.get(), &n, sizeof n) != sizeof n) return;
        itimerspec now{};
        ::timerfd_gettime(fd_.get(), &now);
        armed_ = now.it_interval.tv_sec != 0 || now.it_interval.tv_nsec != 0;
        expired_();
    });
}

Timer::~Timer() {
    loop_.remove(fd_.get());
}

void Timer::start(std::chrono::nanoseconds after, std::chrono::nanoseconds every) {
    if (after <= std::chrono::nanoseconds::zero()) after = std::chrono::nanoseconds(1);
    const itimerspec spec{to_timespec(every), to_timespec(after)};
    if (::timerfd_settime(fd_.get(), 0, &spec, nullptr) != 0) fail("timerfd_settime");
    armed_ = true;
}

void Timer::stop() {
    const itimerspec off{};
    ::timerfd_settime(fd_.get(), 0, &off, nullptr);
    armed_ = false;
}

} // namespace preamp::daemon
