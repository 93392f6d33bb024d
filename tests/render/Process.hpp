#pragma once

#include <string>
#include <string_view>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace preamp::test {

/// How a child process exits, and what it printed.
struct Exit {
    int status = -1; ///< exit status, or -1 when killed by a signal
    int signal = 0;  ///< the signal that killed it
    std::string out; ///< standard output, unless it went to a file
    std::string err; ///< standard error
};

/// Where a child's standard input comes from and its standard output goes.
struct Redirect {
    std::string stdin_file;  ///< empty: /dev/null, unless stdin_pipe
    bool stdin_pipe = false; ///< feed() it and close_stdin()
    std::string stdout_file; ///< empty: captured into Exit::out
};

/// A program started with posix_spawn; its captured output is drained by threads, so it
/// never blocks on a full pipe. The destructor kills and reaps a child still running.
/// wait() fails the running test if the child's standard error has a sanitizer report.
class Process {
public:
    Process(const std::vector<std::string>& argv, const Redirect& io);
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    [[nodiscard]] pid_t pid() const noexcept { return pid_; }
    /// Writes `bytes` to the child's standard input (stdin_pipe only), in small pieces.
    void feed(std::string_view bytes, std::size_t piece = 1000);
    void close_stdin();
    /// Waits for the child to end.
    Exit wait();

private:
    pid_t pid_ = -1;
    int stdin_w_ = -1;
    std::string out_, err_;
    std::thread out_thread_, err_thread_;
};

} // namespace preamp::test
