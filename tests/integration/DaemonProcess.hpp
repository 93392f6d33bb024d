#pragma once

#include "Pattern.hpp"
#include "TempDir.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace preamp::test {

/// How to start a DaemonProcess.
struct ProcessOptions {
    /// JACK_DEFAULT_SERVER for the child, when not empty.
    std::string jack_server;
    /// More "KEY=VALUE" entries; they override inherited ones and the JACK_* defaults.
    std::vector<std::string> env;
    /// Where the child's stdout and stderr go (appended). Empty: a file in a temporary
    /// directory of the process's own.
    std::filesystem::path log_file;
    /// A command that runs the program: prefix + program + args is what is started. It
    /// must exec the program (setpriv, env, unshare, `sh -c '…; exec "$@"'`), so that pid()
    /// stays the program's and signals reach it.
    std::vector<std::string> prefix{}; // {}: designated initializers may leave it out
};

/// A program running in the background, started with posix_spawnp (a bare name is
/// looked up in PATH): stdin from /dev/null, stdout and stderr to a log file. It inherits
/// this process's environment plus JACK_NO_AUDIO_RESERVATION=1 and JACK_NO_START_SERVER=1,
/// and no file descriptor but 0, 1 and 2. It stays in the test's process group, so
/// `meson test` killing a timed-out test kills it too; but signals reach only it, not
/// its own children (a shell should `exec` its last command). The destructor ends it:
/// SIGTERM, then SIGKILL after 3 s. Once it has ended, a sanitizer report in its log (see
/// sanitizer_report) fails the running test. Main thread only, like everything in the
/// fixture.
class DaemonProcess {
public:
    DaemonProcess(const std::string& program, const std::vector<std::string>& args,
                  const ProcessOptions& options = {});
    ~DaemonProcess();
    DaemonProcess(const DaemonProcess&) = delete;
    DaemonProcess& operator=(const DaemonProcess&) = delete;

    /// Its process id; still valid (and not reused) until it has been reaped.
    [[nodiscard]] pid_t pid() const noexcept { return pid_; }
    /// Whether it is still running (a stopped process is running); reaps it if not.
    [[nodiscard]] bool alive();
    /// Everything it has printed so far.
    [[nodiscard]] std::string log() const;
    [[nodiscard]] const std::filesystem::path& log_path() const noexcept { return log_path_; }
    /// Waits until log() contains a match for `pattern`; false on timeout, or as soon as
    /// the process has ended without printing one.
    bool wait_for_log(const Pattern& pattern, std::chrono::milliseconds timeout);
    /// Sends `sig`; does nothing once it has been reaped.
    void signal(int sig);
    /// Waits for it to end and returns its waitpid() status (see describe_status), or
    /// nothing if it is still running after `timeout`.
    std::optional<int> wait_exit(std::chrono::milliseconds timeout);
    /// SIGTERM, then SIGKILL if it has not ended after `grace`; returns its status.
    int terminate(std::chrono::milliseconds grace = std::chrono::seconds(3));
    /// SIGKILL, abruptly, as a crash would; returns its status.
    int kill();

private:
    /// Keeps its status, and fails the test if its log has a sanitizer report.
    void reaped(int status);

    std::string program_;
    std::optional<TempDir> own_dir_;
    std::filesystem::path log_path_;
    std::uintmax_t log_start_ = 0;
    pid_t pid_ = -1;
    std::optional<int> status_;
};

/// How a program run to its end ended, and what it printed (stdout and stderr,
/// interleaved): its exit status, 128 + N if signal N ended it, -1 if it was still
/// running at the timeout (then it was killed).
struct RunResult {
    int status = -1;
    std::string out;
};

/// Starts `program` as DaemonProcess does and waits for it to end (up to `timeout`).
RunResult run(const std::string& program, const std::vector<std::string>& args,
              const ProcessOptions& options = {},
              std::chrono::milliseconds timeout = std::chrono::seconds(5));

/// The whole of a file; "" if it cannot be read.
[[nodiscard]] std::string read_file(const std::string& path);

/// "exited with status 3", "killed by signal 15 (Terminated)", …: for test messages.
[[nodiscard]] std::string describe_status(int status);

/// The program named by the environment variable `var` (set by meson, e.g. PREAMPD),
/// when it is set and names an executable file. Tests GTEST_SKIP() when it is not.
///
/// The programs under test, PREAMPD and PREAMPCTL, can come from another build directory
/// of the same source: PREAMP_PROGRAMS_FROM=DIR runs DIR's (`./dev builds` runs this
/// build's integration suite on the sanitized programs of the clang build). Then a program
/// DIR does not have fails the test rather than skipping it.
[[nodiscard]] std::optional<std::string> program_from_env(const char* var);

/// Whether executable `program` has AddressSanitizer's runtime in it (linked in, as clang
/// does, or wanted from libasan, as GCC does): it replaces malloc, so rt_watch.so cannot
/// be preloaded into it, and it makes mlockall a no-op.
[[nodiscard]] bool has_address_sanitizer(const std::string& program);

} // namespace preamp::test
