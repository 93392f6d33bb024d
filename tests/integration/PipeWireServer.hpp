#pragma once

#include "DaemonProcess.hpp"
#include "TempDir.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace preamp::test {

/// A real PipeWire (`pipewire`, then `wireplumber` as its session manager) serving JACK
/// clients through pipewire-jack, run without systemd or D-Bus: its socket in a private
/// XDG_RUNTIME_DIR, its configuration (Debian's, plus the drop-ins written here) under a
/// private XDG_CONFIG_HOME, WirePlumber's state under a private XDG_STATE_HOME, all in a
/// temporary directory. The drop-ins make a graph at a fixed rate and quantum, driven by a
/// `support.null-audio-sink` node ("Null Sink", whose playback ports are JACK inputs), and
/// keep WirePlumber away from devices (ALSA, Bluetooth, V4L2, libcamera) and D-Bus.
/// Started on demand and always stopped by the destructor; the two programs' output goes
/// to log files kept across restarts. Main thread only.
///
/// JACK clients reach it through PipeWire's libjack: a program run with prefix()
/// (`pw-jack`) and env(), and, in the test process (which must itself run under pw-jack),
/// a client opened on the server name(). PipeWire's libjack calls a client's
/// jack_on_shutdown() callback when the server goes, not jack_on_info_shutdown()'s.
class PipeWireServer {
public:
    /// When start() starts wireplumber: with pipewire, or only at start_session_manager().
    enum class SessionManager { now, later };

    /// The JACK client ports of the sink that play what reaches them.
    static constexpr const char* kPlaybackL = "Null Sink:playback_FL";
    static constexpr const char* kPlaybackR = "Null Sink:playback_FR";

    /// Why the PipeWire test cannot run here, if it cannot: a program named by the
    /// environment variables PIPEWIRE, WIREPLUMBER and PW_JACK (set by meson when it found
    /// them) is missing.
    [[nodiscard]] static std::optional<std::string> unavailable();
    /// Whether this process's libjack is PipeWire's (it runs under pw-jack), as a client
    /// opened in it on name() needs.
    [[nodiscard]] static bool serves_this_process();

    PipeWireServer();
    /// Stops it (stop()).
    ~PipeWireServer();
    PipeWireServer(const PipeWireServer&) = delete;
    PipeWireServer& operator=(const PipeWireServer&) = delete;

    /// Starts pipewire, then wireplumber once pipewire accepts connections, and returns
    /// once a JACK client (the jack_ready helper under pw-jack, in a process of its own)
    /// can connect and sees the sink's ports: polled for up to 20 s. The graph runs at
    /// `rate` Hz with `quantum` frames per period. Throws std::runtime_error, with both
    /// logs, if it does not come up, and std::logic_error if it is running.
    ///
    /// With SessionManager::later it starts pipewire alone and returns once a JACK client
    /// can connect: the sink has no ports to wait for (WirePlumber sets it up) and there is
    /// no "default" metadata, so PipeWire's libjack refuses jack_set_property() until
    /// start_session_manager().
    void start(unsigned rate = 48000, unsigned quantum = 256,
               SessionManager session_manager = SessionManager::now);
    /// Starts wireplumber on a pipewire that start(..., SessionManager::later) started, and
    /// returns once a JACK client sees the sink's ports, as start() does. Throws
    /// std::runtime_error, with both logs, if that does not happen within 20 s (and stops
    /// everything), and std::logic_error if pipewire is not running or wireplumber is.
    void start_session_manager();
    /// Closes the Probes' clients on it (Probe::release()), then stops wireplumber and
    /// pipewire: SIGTERM, then SIGKILL if one has not ended after 3 s. Nothing if it is
    /// not running.
    void stop();
    /// SIGKILL to pipewire, as a crash would: clients see it go away. Then closes the
    /// Probes' clients (Probe::server_gone()) and waits for wireplumber, which quits when
    /// pipewire goes (SIGTERM after 5 s).
    void kill();
    /// Stops it if it is running, then starts it again with the same rate and quantum,
    /// wireplumber included.
    void restart();

    [[nodiscard]] bool running();
    /// The JACK server name for a client in this process: the absolute path of pipewire's
    /// socket, which PipeWire's libjack passes on as the remote to connect to.
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// For ProcessOptions::env of a JACK client: the private XDG_RUNTIME_DIR (and
    /// PIPEWIRE_RUNTIME_DIR), so that PipeWire's default server is this one, and the
    /// private XDG_CONFIG_HOME, so that the user's pipewire-jack settings stay out.
    [[nodiscard]] std::vector<std::string> env() const;
    /// For ProcessOptions::prefix of a JACK client: pw-jack, which execs the program with
    /// PipeWire's libjack first in LD_LIBRARY_PATH.
    [[nodiscard]] static std::vector<std::string> prefix();
    [[nodiscard]] unsigned rate() const noexcept { return rate_; }
    [[nodiscard]] unsigned quantum() const noexcept { return quantum_; }
    /// pipewire's process id; -1 when it is not running.
    [[nodiscard]] pid_t pid() const noexcept { return pipewire_ ? pipewire_->pid() : -1; }
    /// Everything pipewire and wireplumber printed, across restarts.
    [[nodiscard]] std::string log() const;

private:
    /// The drop-ins for pipewire and wireplumber.
    void write_config() const;
    /// Whether pipewire's socket accepts a connection within `timeout`, or before it dies.
    bool listening(std::chrono::milliseconds timeout);
    /// Whether a JACK client connects and, with `port_pattern`, sees a port matching it
    /// within `timeout`, or before pipewire or (if started) wireplumber dies.
    bool answers(std::chrono::milliseconds timeout, const char* port_pattern);
    /// Stops everything and throws std::runtime_error with `why` and the logs.
    [[noreturn]] void fail(const std::string& why);
    /// Options for pipewire and wireplumber: env(), the private state directory, and none
    /// of the variables that would take them to another configuration, runtime
    /// directory or D-Bus bus.
    [[nodiscard]] ProcessOptions server_options(const std::filesystem::path& log) const;
    /// After pipewire has ended: closes the Probes' clients, ends wireplumber, removes the
    /// socket it left.
    void gone();
    [[nodiscard]] std::filesystem::path runtime_dir() const { return dir_.path() / "run"; }
    [[nodiscard]] std::filesystem::path config_dir() const { return dir_.path() / "config"; }
    [[nodiscard]] std::filesystem::path state_dir() const { return dir_.path() / "state"; }

    TempDir dir_;
    std::string name_;
    unsigned rate_ = 48000;
    unsigned quantum_ = 256;
    std::optional<DaemonProcess> pipewire_;
    std::optional<DaemonProcess> wireplumber_;
};

} // namespace preamp::test
