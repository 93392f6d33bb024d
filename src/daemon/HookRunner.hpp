#pragma once

#include "EventLoop.hpp"
#include "core/UniqueFd.hpp"

#include <chrono>
#include <deque>
#include <functional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace preamp::daemon {

/// Runs hook commands (standby's on_standby and on_wake), one at a time in the order
/// asked: each a child process of its own session, started with posix_spawn (no shell,
/// the signal mask and dispositions as at exec, stdin /dev/null, stdout and stderr the
/// daemon's), watched on the main loop through a pidfd, and killed with its whole
/// process group when it outlives its timeout. Nothing here waits: a hook that hangs
/// holds up only the hooks queued after it, until its timeout. How each ended is logged.
/// Main thread only.
class HookRunner {
public:
    using Done = std::function<void()>;

    explicit HookRunner(EventLoop& loop);
    /// A hook still running is left to finish on its own.
    ~HookRunner();
    HookRunner(const HookRunner&) = delete;
    HookRunner& operator=(const HookRunner&) = delete;

    /// Runs `argv` (argv[0] an absolute path; `name` says which hook in the log) once
    /// those queued before have ended, then calls `done`, however it ended (also when it
    /// could not start). An empty argv is done at once, in its turn.
    void run(std::string name, std::vector<std::string> argv, std::chrono::milliseconds timeout,
             Done done);
    /// A hook runs or waits its turn.
    [[nodiscard]] bool busy() const noexcept { return running_ || !queue_.empty(); }

private:
    struct Job {
        std::string name;
        std::vector<std::string> argv;
        std::chrono::milliseconds timeout;
        Done done;
    };
    void start_next();
    /// Starts `job`'s process; false (logged) when it cannot.
    bool spawn(const Job& job);
    void on_exit();
    void on_timeout();
    void finish();

    EventLoop& loop_;
    std::deque<Job> queue_;
    bool running_ = false;
    Job current_;
    pid_t pid_ = -1;
    core::UniqueFd pidfd_;
    bool killed_ = false;
    std::chrono::steady_clock::time_point started_;
    Timer timeout_;
};

} // namespace preamp::daemon
