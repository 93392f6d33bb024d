#include "Process.hpp"

#include "SanitizerReport.hpp"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>
#include <utility>

extern char** environ;

namespace preamp::test {
namespace {

[[noreturn]] void fail(const char* what) {
    throw std::system_error(errno, std::generic_category(), what);
}

void make_pipe(int (&fds)[2]) {
    if (::pipe2(fds, O_CLOEXEC) != 0) fail("pipe2");
}

std::thread drain(int fd, std::string& into) {
    return std::thread([fd, &into] {
        char buf[65536];
        for (;;) {
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            into.append(buf, static_cast<std::size_t>(n));
        }
        ::close(fd);
    });
}

} // namespace

Process::Process(const std::vector<std::string>& argv, const Redirect& io) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
    if (io.stdin_pipe) {
        make_pipe(in);
        posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
    } else {
        const char* from = io.stdin_file.empty() ? "/dev/null" : io.stdin_file.c_str();
        posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, from, O_RDONLY, 0);
    }
    if (io.stdout_file.empty()) {
        make_pipe(out);
        posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
    } else {
        posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, io.stdout_file.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
    }
    make_pipe(err);
    posix_spawn_file_actions_adddup2(&fa, err[1], STDERR_FILENO);

    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = posix_spawn(&pid_, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    for (int fd : {in[0], out[1], err[1]})
        if (fd >= 0) ::close(fd);
    if (rc != 0) {
        errno = rc;
        fail("posix_spawn");
    }
    stdin_w_ = in[1];
    if (out[0] >= 0) out_thread_ = drain(out[0], out_);
    err_thread_ = drain(err[0], err_);
}

Process::~Process() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        close_stdin();
        (void)wait();
    }
}

void Process::feed(std::string_view bytes, std::size_t piece) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(stdin_w_, bytes.data(), std::min(piece, bytes.size()));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("write to the child");
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void Process::close_stdin() {
    if (stdin_w_ >= 0) ::close(stdin_w_);
    stdin_w_ = -1;
}

Exit Process::wait() {
    close_stdin();
    Exit e;
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0)
        if (errno != EINTR) fail("waitpid");
    const pid_t pid = std::exchange(pid_, -1);
    if (out_thread_.joinable()) out_thread_.join();
    if (err_thread_.joinable()) err_thread_.join();
    if (WIFEXITED(status)) e.status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) e.signal = WTERMSIG(status);
    e.out = std::move(out_);
    e.err = std::move(err_);
    if (const std::string report = sanitizer_report(e.err); !report.empty())
        ADD_FAILURE() << "pid " << pid << " reported:\n" << report;
    return e;
}

} // namespace preamp::test
