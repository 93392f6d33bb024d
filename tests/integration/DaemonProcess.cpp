#include "DaemonProcess.hpp"

#include "PollUntil.hpp"
#include "SanitizerReport.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sstream>
#include <string_view>
#include <sys/stat.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>

extern char** environ;

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

/// This process's environment with `overrides` ("KEY=VALUE", the last of a key winning)
/// replacing or adding entries.
std::vector<std::string> child_environment(const std::vector<std::string>& overrides) {
    const auto key = [](std::string_view entry) { return entry.substr(0, entry.find('=')); };
    std::vector<std::string> env;
    const auto add = [&](std::string_view entry) {
        if (std::ranges::none_of(env, [&](const auto& e) { return key(e) == key(entry); }))
            env.emplace_back(entry);
    };
    for (auto o = overrides.rbegin(); o != overrides.rend(); ++o)
        add(*o);
    for (char** e = environ; *e != nullptr; ++e)
        add(*e);
    return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

std::uintmax_t file_size_or_zero(const std::filesystem::path& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    return ec ? 0 : size;
}

} // namespace

DaemonProcess::DaemonProcess(const std::string& program, const std::vector<std::string>& args,
                             const ProcessOptions& options)
    : program_(program) {
    if (options.log_file.empty()) {
        own_dir_.emplace();
        log_path_ = own_dir_->path() / "log";
    } else {
        log_path_ = options.log_file;
    }
    log_start_ = file_size_or_zero(log_path_);

    std::vector<std::string> overrides = {"JACK_NO_AUDIO_RESERVATION=1", "JACK_NO_START_SERVER=1"};
    if (!options.jack_server.empty())
        overrides.push_back("JACK_DEFAULT_SERVER=" + options.jack_server);
    overrides.insert(overrides.end(), options.env.begin(), options.env.end());
    std::vector<std::string> env = child_environment(overrides);
    std::vector<std::string> argv = options.prefix;
    argv.push_back(program);
    argv.insert(argv.end(), args.begin(), args.end());

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path_.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    // Our JACK clients' sockets must not live on in a child (it would keep them open).
    posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
    const std::string file = argv.front();
    const int rc = posix_spawnp(&pid_, file.c_str(), &actions, nullptr, c_strings(argv).data(),
                                c_strings(env).data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::system_error(rc, std::generic_category(), "posix_spawnp " + file);
}

DaemonProcess::~DaemonProcess() {
    try {
        (void)terminate();
    } catch (...) {
        // Nothing more to do: the process group dies with the test.
    }
}

bool DaemonProcess::alive() {
    if (status_) return false;
    int status = 0;
    pid_t r;
    do {
        r = ::waitpid(pid_, &status, WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r < 0) throw std::system_error(errno, std::generic_category(), "waitpid");
    if (r == 0) return true;
    reaped(status);
    return false;
}

std::string DaemonProcess::log() const {
    std::ifstream in(log_path_, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(log_start_));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool DaemonProcess::wait_for_log(const Pattern& pattern, std::chrono::milliseconds timeout) {
    bool found = false;
    poll_until(
        [&] {
            const bool running = alive(); // before reading: the log is complete once it ended
            found = pattern.found_in(log());
            return found || !running;
        },
        timeout);
    return found;
}

void DaemonProcess::signal(int sig) {
    if (!alive()) return;
    if (::kill(pid_, sig) != 0) throw std::system_error(errno, std::generic_category(), "kill");
}

std::optional<int> DaemonProcess::wait_exit(std::chrono::milliseconds timeout) {
    if (!poll_until([this] { return !alive(); }, timeout, 5ms)) return std::nullopt;
    return status_;
}

int DaemonProcess::terminate(std::chrono::milliseconds grace) {
    signal(SIGTERM);
    signal(SIGCONT); // a stopped process cannot act on SIGTERM
    if (auto status = wait_exit(grace)) return *status;
    return kill();
}

int DaemonProcess::kill() {
    signal(SIGKILL);
    int status = 0;
    if (!status_) {
        while (::waitpid(pid_, &status, 0) < 0)
            if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
        reaped(status);
    }
    return *status_;
}

void DaemonProcess::reaped(int status) {
    status_ = status;
    if (const std::string report = sanitizer_report(log()); !report.empty())
        ADD_FAILURE() << program_ << " (pid " << pid_ << ", " << describe_status(status)
                      << ") reported:\n"
                      << report;
}

RunResult run(const std::string& program, const std::vector<std::string>& args,
              const ProcessOptions& options, std::chrono::milliseconds timeout) {
    DaemonProcess process(program, args, options);
    RunResult result;
    if (const auto status = process.wait_exit(timeout)) {
        if (WIFEXITED(*status))
            result.status = WEXITSTATUS(*status);
        else if (WIFSIGNALED(*status))
            result.status = 128 + WTERMSIG(*status);
    } else {
        (void)process.kill();
    }
    result.out = process.log();
    return result;
}

std::string describe_status(int status) {
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return "killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
               ::strsignal(WTERMSIG(status)) + ")";
    return "wait status " + std::to_string(status);
}

namespace {

/// `path`, a program of this build (under PREAMP_BUILD_ROOT), in build directory `other`.
std::string in_other_build(const std::string& path, const std::string& other) {
    const char* root = std::getenv("PREAMP_BUILD_ROOT");
    const std::string_view own = root == nullptr ? "" : root;
    if (own.empty() || !path.starts_with(own) || path.size() == own.size() ||
        path[own.size()] != '/')
        return path;
    return other + path.substr(own.size());
}

} // namespace

std::optional<std::string> program_from_env(const char* var) {
    const char* set = std::getenv(var);
    if (set == nullptr || *set == '\0') return std::nullopt;
    std::string path = set;
    const char* other = std::getenv("PREAMP_PROGRAMS_FROM");
    const std::string_view name = var;
    if (other != nullptr && *other != '\0' && (name == "PREAMPD" || name == "PREAMPCTL")) {
        path = in_other_build(path, other);
        if (::access(path.c_str(), X_OK) != 0) {
            ADD_FAILURE() << "PREAMP_PROGRAMS_FROM=" << other << " has no " << var << " ("
                          << path << ": " << std::strerror(errno) << ")";
            return std::nullopt;
        }
    }
    if (::access(path.c_str(), X_OK) != 0) return std::nullopt;
    return path;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

bool has_address_sanitizer(const std::string& program) {
    return read_file(program).find("__asan_init") != std::string::npos;
}

} // namespace preamp::test
