#pragma once

#include "DaemonProcess.hpp"
#include "TempDir.hpp"
#include "TestUsers.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace preamp::test {

/// A real dbus-daemon of the test's own, listening on a socket in a temporary directory,
/// started by the constructor and stopped by the destructor (SIGTERM, then SIGKILL after
/// 3 s; the directory, its config and the socket are removed). It activates no services
/// and never touches the host's buses. Its output goes to a log file (log()).
/// Main thread only, like everything in the fixture.
///
/// Two kinds:
///  - PrivateBus(): a session-like bus (<type>session</type>) whose policy allows
///    everything: any name owned, any message sent, eavesdropping.
///  - PrivateBus::system_like(policy_file): a system-like bus (<type>system</type>) with
///    the default policy of Debian's /usr/share/dbus-1/system.conf (no name may be owned,
///    no method called, but on the bus itself, unless a policy opens a hole) plus
///    `policy_file` <include>d after it: for testing a service's D-Bus policy file. Any
///    user may connect, as to the system bus: its directory is open to others (o+x).
class PrivateBus {
public:
    /// What a busctl run printed and how it ended.
    using Result = RunResult;
    /// Selects the system-like bus in the constructor (for std::optional::emplace).
    struct SystemLike {
        std::filesystem::path policy_file;
        /// When set, dbus-daemon runs with these test users in its user database
        /// (TestUsers::prefix()), so that <policy user="…"> and <policy group="…"> can
        /// name them. They must outlive the bus.
        const TestUsers* users = nullptr;
    };

    /// A session-like bus that allows everything. Returns once it accepts connections
    /// (polled for up to 5 s); throws std::runtime_error, with its log, if it does not.
    PrivateBus();
    /// A system-like bus with `system.policy_file` included; that file must exist and be
    /// a <busconfig> document, or dbus-daemon refuses to start (std::runtime_error).
    explicit PrivateBus(const SystemLike& system);
    /// PrivateBus(SystemLike{policy_file}).
    [[nodiscard]] static PrivateBus system_like(const std::filesystem::path& policy_file);
    ~PrivateBus() = default; // daemon_'s destructor stops it, then dir_'s removes the files
    PrivateBus(const PrivateBus&) = delete;
    PrivateBus& operator=(const PrivateBus&) = delete;

    /// "unix:path=/tmp/…/bus".
    [[nodiscard]] const std::string& address() const noexcept { return address_; }
    /// The socket file named by address().
    [[nodiscard]] std::filesystem::path socket_path() const;
    /// For ProcessOptions::env: DBUS_SESSION_BUS_ADDRESS and DBUS_SYSTEM_BUS_ADDRESS, both
    /// set to address(), so that a child finds this bus whichever bus it asks for and can
    /// never reach the host's.
    [[nodiscard]] std::vector<std::string> env() const;
    /// dbus-daemon's process id.
    [[nodiscard]] pid_t pid() const noexcept { return daemon_->pid(); }
    /// Whether dbus-daemon is still running.
    [[nodiscard]] bool alive() { return daemon_->alive(); }
    /// Everything dbus-daemon printed.
    [[nodiscard]] std::string log() const { return daemon_->log(); }

    /// Runs `busctl --address=ADDRESS ARGS...` and waits for it (up to `timeout`).
    Result call(const std::vector<std::string>& busctl_args,
                std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /// call(), with busctl run through `prefix` (ProcessOptions::prefix), e.g. as another
    /// user: TestUsers::login().
    Result call_as(const std::vector<std::string>& prefix,
                   const std::vector<std::string>& busctl_args,
                   std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /// Whether `name` has an owner now (org.freedesktop.DBus.NameHasOwner, via busctl).
    [[nodiscard]] bool has_owner(const std::string& name);
    /// Waits until `name` has an owner (polled every 20 ms); false on timeout.
    bool wait_for_name(const std::string& name, std::chrono::milliseconds timeout);

private:
    /// Writes `config` to the directory and starts dbus-daemon with it, through `prefix`.
    void start(const std::string& config, const std::vector<std::string>& prefix = {});

    TempDir dir_;
    std::string address_;
    std::optional<DaemonProcess> daemon_;
};

} // namespace preamp::test
