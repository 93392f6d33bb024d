#include "HookRunner.hpp"

#include "Log.hpp"
#include "core/Joined.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace preamp::daemon {
namespace {

std::string milliseconds_since(std::chrono::steady_clock::time_point t) {
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - t)
                              .count()) +
           " ms";
}

/// posix_spawn's attributes and file actions, freed when done with.
struct SpawnSetup {
    posix_spawnattr_t attr{};
    posix_spawn_file_actions_t actions{};
    SpawnSetup() {
        posix_spawnattr_init(&attr);
        posix_spawn_file_actions_init(&actions);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;
};

} // namespace

HookRunner::HookRunner(EventLoop& loop) : loop_(loop), timeout_(loop, [this] { on_timeout(); }) {}

HookRunner::~HookRunner() {
    if (pidfd_) loop_.remove(pidfd_.get());
}

void HookRunner::run(std::string name, std::vector<std::string> argv,
                     std::chrono::milliseconds timeout, Done done) {
    queue_.push_back({std::move(name), std::move(argv), timeout, std::move(done)});
    if (!running_) start_next();
}

void HookRunner::start_next() {
    while (!running_ && !queue_.empty()) {
        current_ = std::move(queue_.front());
        queue_.pop_front();
        if (!current_.argv.empty() && spawn(current_)) {
            running_ = true;
            return;
        }
        if (current_.done) current_.done();
    }
}

bool HookRunner::spawn(const Job& job) {
    SpawnSetup setup;
    // The daemon blocks SIGTERM, SIGINT and SIGHUP for its signalfd; the hook gets them
    // back, with every disposition at its default, in a session (and process group) of
    // its own, so that a timeout kills whatever it started too.
    sigset_t none, defaults;
    sigemptyset(&none);
    sigfillset(&defaults);
    posix_spawnattr_setsigmask(&setup.attr, &none);
    posix_spawnattr_setsigdefault(&setup.attr, &defaults);
    posix_spawnattr_setflags(&setup.attr,
                             POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSID);
    posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

    std::vector<char*> argv;
    for (const auto& a : job.argv)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int error =
        posix_spawn(&pid, argv.front(), &setup.actions, &setup.attr, argv.data(), environ);
    if (error != 0) {
        log::warning(job.name + ": cannot run " + core::joined(job.argv, " ") + ": " +
                     std::strerror(error));
        return false;
    }
    // Not glibc 2.36's pidfd_open(): its <sys/pidfd.h> lacks extern "C" for C++.
    core::UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (!pidfd) {
        // Without a pidfd the main loop cannot see it end (nor time it out): stop it.
        log::warning(job.name + ": cannot watch " + core::joined(job.argv, " ") +
                     " (pidfd_open: " + std::strerror(errno) + "); stopping it");
        ::kill(-pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        return false;
    }
    pid_ = pid;
    pidfd_ = std::move(pidfd);
    killed_ = false;
    started_ = std::chrono::steady_clock::now();
    loop_.add(pidfd_.get(), [this] { on_exit(); });
    timeout_.start(job.timeout);
    return true;
}

void HookRunner::on_exit() {
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == 0) return; // not yet (a spurious wake-up)
    const std::string what = current_.name + ": " + core::joined(current_.argv, " ");
    const std::string after = " after " + milliseconds_since(started_);
    if (r < 0)
        log::warning(what + ": lost (" + std::strerror(errno) + ")");
    else if (killed_)
        log::warning(what + ": killed at its timeout of " +
                     std::to_string(current_.timeout.count()) + " ms");
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        log::info(what + ": done" + after);
    else if (WIFEXITED(status))
        log::warning(what + ": exited with status " + std::to_string(WEXITSTATUS(status)) + after);
    else if (WIFSIGNALED(status))
        log::warning(what + ": killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
                     ::strsignal(WTERMSIG(status)) + ")" + after);
    finish();
}

void HookRunner::on_timeout() {
    if (!running_) return;
    killed_ = true;
    ::kill(-pid_, SIGKILL); // its process group: whatever it started goes too
    ::kill(pid_, SIGKILL);  // in case it left the group
}

void HookRunner::finish() {
    timeout_.stop();
    loop_.remove(pidfd_.get());
    pidfd_.reset();
    pid_ = -1;
    running_ = false;
    const Done done = std::move(current_.done);
    current_ = {};
    if (done) done();
    start_next();
}

} // namespace preamp::daemon
