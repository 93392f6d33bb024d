#pragma once

#include "core/UniqueFd.hpp"

#include <chrono>
#include <functional>
#include <map>

namespace preamp::daemon {

/// The daemon's one main loop: epoll over file descriptors (signalfd, timerfds, the
/// eventfd JACK wakes us with; the D-Bus connection joins it). Main thread only.
class EventLoop {
public:
    EventLoop();

    /// Calls `ready` whenever `fd` has one of `events` (EPOLLIN by default), until
    /// remove(fd).
    void add(int fd, std::function<void()> ready, unsigned events = 0x001 /* EPOLLIN */);
    /// Changes the events `fd` is watched for.
    void watch(int fd, unsigned events);
    void remove(int fd);
    /// Runs until stop().
    void run();
    void stop() noexcept { running_ = false; }

private:
    core::UniqueFd epoll_;
    std::map<int, std::function<void()>> handlers_;
    bool running_ = false;
};

/// A timerfd in the loop: one-shot or periodic, re-armed by each start().
class Timer {
public:
    Timer(EventLoop& loop, std::function<void()> expired);
    ~Timer();
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;

    void start(std::chrono::nanoseconds after, std::chrono::nanoseconds every = {});
    void stop();
    [[nodiscard]] bool armed() const noexcept { return armed_; }

private:
    EventLoop& loop_;
    core::UniqueFd fd_;
    std::function<void()> expired_;
    bool armed_ = false;
};

} // namespace preamp::daemon
