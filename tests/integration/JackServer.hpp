#pragma once

#include "DaemonProcess.hpp"
#include "TempDir.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace preamp::test {

/// A real `jackd -n NAME -d dummy` (no sound card needed), started on demand and always
/// stopped by the destructor. Its output goes to a log file kept across restarts.
/// Main thread only.
class JackServer {
public:
    /// How jackd is run: through `prefix` (ProcessOptions::prefix; e.g. TestUsers::login(),
    /// as another user) and with `env` ("KEY=VALUE", e.g. JACK_PROMISCUOUS_SERVER=audio)
    /// in its environment and in that of the check that it accepts clients.
    struct Launch {
        std::vector<std::string> prefix;
        std::vector<std::string> env;
        /// jackd's own options, before "-d dummy" (e.g. {"--port-max", "24"}).
        std::vector<std::string> server_args{}; // {}: designated initializers may leave it out
    };

    JackServer() = default;
    /// start(name, rate, period).
    explicit JackServer(std::string name, unsigned rate = 48000, unsigned period = 256);
    /// Stops it; after kill() (or a stop() that did not end it cleanly), starts and stops
    /// it once more under the same name, as libjack frees a dead server's slot (of 8 on
    /// the machine, all users together) only when a server of the same name registers:
    /// killed servers with unique names would use them all up.
    ~JackServer();
    JackServer(const JackServer&) = delete;
    JackServer& operator=(const JackServer&) = delete;

    /// A server name no other test (in this or another process) uses: "<prefix>-<pid>-<n>".
    [[nodiscard]] static std::string unique_name(std::string_view prefix = "pt");
    /// Removes what JACK clients of user `uid` leave in /dev/shm when they end (their
    /// metadata store, jack_db-UID; jackd removes only its own user's): for test users,
    /// once none of their JACK programs runs.
    static void forget_user(uid_t uid);

    /// How the next start() and every restart run jackd; by default as this process's
    /// user, with its environment.
    void set_launch(Launch launch) { launch_ = std::move(launch); }

    /// Starts jackd and returns once a client can connect (polled every 20 ms, for up to
    /// 5 s, by the jack_ready helper in a process of its own). libjack allows 8 servers
    /// on the machine at a time: while that many run, it waits up to 10 s for one to end.
    /// Throws std::runtime_error, with jackd's log, if it does not come up or a server of
    /// that name already runs.
    void start(std::string name, unsigned rate = 48000, unsigned period = 256);
    /// Closes the Probes' clients on it (Probe::release()), then SIGTERM, then SIGKILL if
    /// it has not ended after 3 s, and removes the files it left in /dev/shm. Nothing if
    /// it is not running.
    void stop();
    /// SIGTERM with every client still on it, as `systemctl stop jackd` would (stop()
    /// closes the Probes' clients first); then as kill().
    void terminate();
    /// SIGKILL, as a crash would: clients see it go away. Then closes the Probes' clients
    /// (Probe::server_gone()) and removes the files it left.
    void kill();
    /// Stops it if it is running, then starts it again with the same name and settings.
    void restart();
    /// SIGSTOP / SIGCONT: a hung server, for watchdog tests.
    void pause();
    void resume();

    [[nodiscard]] bool running();
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] unsigned rate() const noexcept { return rate_; }
    [[nodiscard]] unsigned period() const noexcept { return period_; }
    /// jackd's process id; -1 when it is not running.
    [[nodiscard]] pid_t pid() const noexcept { return jackd_ ? jackd_->pid() : -1; }
    /// Everything jackd printed, across restarts.
    [[nodiscard]] std::string log() const;

private:
    /// Whether a client can connect within `timeout`, or before jackd dies.
    bool answers(std::chrono::milliseconds timeout);
    [[nodiscard]] std::filesystem::path log_path() const;
    /// After jackd has ended: closes the Probes' clients and removes its leftovers.
    void gone();

    TempDir dir_;
    std::string name_;
    unsigned rate_ = 48000;
    unsigned period_ = 256;
    Launch launch_;
    std::optional<DaemonProcess> jackd_;
    bool killed_ = false; ///< killed, and no server of its name has run since
};

} // namespace preamp::test
