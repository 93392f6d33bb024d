#include "PipeWireServer.hpp"

#include "PollUntil.hpp"
#include "Probe.hpp"

#include <cstring>
#include <fstream>
#include <jack/jack.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

constexpr std::chrono::milliseconds kListenTimeout = 10s;
constexpr std::chrono::milliseconds kReadyTimeout = 20s;
constexpr std::chrono::milliseconds kSessionManagerGrace = 5s;

// Debian's pipewire.conf with the graph pinned to one rate and quantum, and a sink that
// drives it (a timer, as a sound card's clock would) and has playback ports.
constexpr const char* kPipeWireDropIn = R"(# Written by the test fixture PipeWireServer.
context.properties = {
    default.clock.rate          = @RATE@
    default.clock.allowed-rates = [ @RATE@ ]
    default.clock.quantum       = @QUANTUM@
    default.clock.min-quantum   = @QUANTUM@
    default.clock.max-quantum   = @QUANTUM@
}
context.objects = [
    {   factory = adapter
        args = {
            factory.name     = support.null-audio-sink
            node.name        = "preamp-test-sink"
            node.description = "Null Sink"
            media.class      = "Audio/Sink"
            audio.position   = [ FL FR ]
            object.linger    = true
        }
    }
]
)";

// WirePlumber 0.4 without the monitors (no devices to find) and without the D-Bus parts
// (device reservation, the Flatpak portal, logind through bluez), which it cannot start
// without a session bus. Loaded after the defaults of the same *.lua.d folders.
constexpr const char* kWirePlumberMain = R"(-- Written by the test fixture PipeWireServer.
alsa_monitor.enabled = false
v4l2_monitor.enabled = false
libcamera_monitor.enabled = false
default_access.properties["enable-flatpak-portal"] = false
)";
constexpr const char* kWirePlumberBluetooth = R"(-- Written by the test fixture PipeWireServer.
bluez_monitor.enabled = false
)";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path);
    out << text;
    if (!out.flush()) throw std::runtime_error("PipeWireServer: cannot write " + path.string());
}

std::string program(const char* var, const char* fallback) {
    return program_from_env(var).value_or(fallback);
}

std::string read_log(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

std::optional<std::string> PipeWireServer::unavailable() {
    for (const char* var : {"PIPEWIRE", "WIREPLUMBER", "PW_JACK"})
        if (!program_from_env(var))
            return std::string(var) +
                   " is not set: meson did not find it (Debian: pipewire, wireplumber, "
                   "pipewire-jack)";
    return std::nullopt;
}

bool PipeWireServer::serves_this_process() {
    // PipeWire's: "3.0.0.0 (using PipeWire 0.3.65)"; JACK2's: "1.9.21".
    return std::strstr(jack_get_version_string(), "PipeWire") != nullptr;
}

PipeWireServer::PipeWireServer() : name_((runtime_dir() / "pipewire-0").string()) {
    std::filesystem::create_directories(runtime_dir());
    std::filesystem::permissions(runtime_dir(), std::filesystem::perms::owner_all);
    std::filesystem::create_directories(state_dir());
}

PipeWireServer::~PipeWireServer() {
    try {
        stop();
    } catch (const std::exception&) {
        // the processes die with the test's process group
    }
}

std::vector<std::string> PipeWireServer::env() const {
    return {"XDG_RUNTIME_DIR=" + runtime_dir().string(),
            "PIPEWIRE_RUNTIME_DIR=" + runtime_dir().string(),
            "PIPEWIRE_REMOTE=", "XDG_CONFIG_HOME=" + config_dir().string()};
}

std::vector<std::string> PipeWireServer::prefix() {
    return {program("PW_JACK", "pw-jack")};
}

ProcessOptions PipeWireServer::server_options(const std::filesystem::path& log) const {
    ProcessOptions o;
    o.env = env();
    o.env.push_back("XDG_STATE_HOME=" + state_dir().string());
    o.log_file = log;
    o.prefix = {"env",
                "-u",
                "PIPEWIRE_CONFIG_DIR",
                "-u",
                "WIREPLUMBER_CONFIG_DIR",
                "-u",
                "DBUS_SESSION_BUS_ADDRESS"};
    return o;
}

void PipeWireServer::write_config() const {
    write_text(config_dir() / "pipewire/pipewire.conf.d/preamp-test.conf",
               replace_all(replace_all(kPipeWireDropIn, "@RATE@", std::to_string(rate_)),
                           "@QUANTUM@", std::to_string(quantum_)));
    write_text(config_dir() / "wireplumber/main.lua.d/51-preamp-test.lua", kWirePlumberMain);
    write_text(config_dir() / "wireplumber/bluetooth.lua.d/51-preamp-test.lua",
               kWirePlumberBluetooth);
}

void PipeWireServer::start(unsigned rate, unsigned quantum, SessionManager session_manager) {
    if (running()) throw std::logic_error("PipeWireServer::start: pipewire is already running");
    stop(); // a pipewire that died by itself: its wireplumber and socket
    rate_ = rate;
    quantum_ = quantum;
    write_config();
    pipewire_.emplace(program("PIPEWIRE", "pipewire"), std::vector<std::string>{},
                      server_options(dir_.path() / "pipewire.log"));
    if (!listening(kListenTimeout))
        fail(pipewire_->alive() ? "pipewire's socket accepted no connection within 10 s"
                                : "pipewire " + describe_status(pipewire_->kill()));
    if (session_manager == SessionManager::now) {
        start_session_manager();
        return;
    }
    // Without WirePlumber the sink has no ports yet: a client connecting is all there is.
    if (!answers(kReadyTimeout, nullptr))
        fail(pipewire_->alive() ? "no JACK client connected within 20 s"
                                : "pipewire " + describe_status(pipewire_->kill()));
}

void PipeWireServer::start_session_manager() {
    if (!running())
        throw std::logic_error("PipeWireServer::start_session_manager: pipewire is not running");
    if (wireplumber_)
        throw std::logic_error(
            "PipeWireServer::start_session_manager: wireplumber is already running");
    wireplumber_.emplace(program("WIREPLUMBER", "wireplumber"), std::vector<std::string>{},
                         server_options(dir_.path() / "wireplumber.log"));
    if (answers(kReadyTimeout, "^Null Sink:playback_")) return;
    fail(!pipewire_->alive() ? "pipewire " + describe_status(pipewire_->kill())
         : !wireplumber_->alive()
             ? "wireplumber " + describe_status(wireplumber_->kill())
             : "no JACK client saw " + std::string(kPlaybackL) + " within 20 s");
}

void PipeWireServer::fail(const std::string& why) {
    stop();
    throw std::runtime_error("PipeWireServer: " + why + "; the logs:\n" + log());
}

bool PipeWireServer::listening(std::chrono::milliseconds timeout) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (name_.size() >= sizeof addr.sun_path)
        throw std::logic_error("PipeWireServer: socket path too long: " + name_);
    std::memcpy(addr.sun_path, name_.c_str(), name_.size() + 1);
    const auto connects = [&] {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) return false;
        const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
        ::close(fd);
        return ok;
    };
    return poll_until([&] { return !pipewire_->alive() || connects(); }, timeout, 20ms) &&
           pipewire_->alive();
}

bool PipeWireServer::answers(std::chrono::milliseconds timeout, const char* port_pattern) {
    // The sink's ports appear once WirePlumber has configured it: then clients have a
    // graph to play into, and the "default" metadata (JACK's port metadata) exists.
    ProcessOptions o;
    o.env = env();
    o.log_file = dir_.path() / "ready.log";
    o.prefix = prefix();
    std::vector<std::string> args{name_, std::to_string(timeout.count())};
    if (port_pattern != nullptr) args.emplace_back(port_pattern);
    DaemonProcess check(PREAMP_JACK_READY, args, o);
    poll_until(
        [&] {
            return !check.alive() || !pipewire_->alive() ||
                   (wireplumber_ && !wireplumber_->alive());
        },
        timeout + 2s);
    const auto status = check.wait_exit(0ms);
    return status && WIFEXITED(*status) && WEXITSTATUS(*status) == 0;
}

void PipeWireServer::stop() {
    if (!pipewire_) return;
    Probe::release(name_);
    if (wireplumber_) (void)wireplumber_->terminate();
    (void)pipewire_->terminate();
    gone();
}

void PipeWireServer::kill() {
    if (!pipewire_) return;
    (void)pipewire_->kill();
    Probe::server_gone(name_);
    if (wireplumber_ && !wireplumber_->wait_exit(kSessionManagerGrace))
        (void)wireplumber_->terminate();
    gone();
}

void PipeWireServer::gone() {
    pipewire_.reset();
    wireplumber_.reset();
    // What a killed pipewire leaves: its socket and the lock file beside it.
    std::error_code ec;
    std::filesystem::remove(name_, ec);
    std::filesystem::remove(name_ + ".lock", ec);
}

void PipeWireServer::restart() {
    stop();
    start(rate_, quantum_);
}

bool PipeWireServer::running() {
    return pipewire_ && pipewire_->alive();
}

std::string PipeWireServer::log() const {
    return "--- pipewire:\n" + read_log(dir_.path() / "pipewire.log") + "--- wireplumber:\n" +
           read_log(dir_.path() / "wireplumber.log");
}

} // namespace preamp::test
