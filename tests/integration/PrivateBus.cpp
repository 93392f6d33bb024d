#include "PrivateBus.hpp"

#include "PollUntil.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/un.h>
#include <system_error>
#include <unistd.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

constexpr auto kStartTimeout = 5s;

/// `text` with the characters XML gives a meaning escaped, for paths in the config.
std::string xml_escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

const char* const kHeader =
    "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
    " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
    "<busconfig>\n";

/// A session bus that lets anyone do anything; no service directories, so nothing is
/// ever activated.
std::string session_config(const std::filesystem::path& socket) {
    return std::string(kHeader) + "  <type>session</type>\n" +
           "  <listen>unix:path=" + xml_escape(socket.string()) + "</listen>\n" +
           "  <auth>EXTERNAL</auth>\n"
           "  <policy context=\"default\">\n"
           "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
           "    <allow eavesdrop=\"true\"/>\n"
           "    <allow own=\"*\"/>\n"
           "  </policy>\n"
           "</busconfig>\n";
}

/// The shape of Debian's /usr/share/dbus-1/system.conf (dbus 1.14) without its user,
/// fork, pid file, syslog, service directories and includes; `policy` is included after
/// the default policy, where system.d/ would be.
std::string system_config(const std::filesystem::path& socket,
                          const std::filesystem::path& policy) {
    return std::string(kHeader) + "  <type>system</type>\n" +
           "  <listen>unix:path=" + xml_escape(socket.string()) + "</listen>\n" +
           "  <auth>EXTERNAL</auth>\n"
           "  <policy context=\"default\">\n"
           "    <allow user=\"*\"/>\n"
           "    <deny own=\"*\"/>\n"
           "    <deny send_type=\"method_call\"/>\n"
           "    <allow send_type=\"signal\"/>\n"
           "    <allow send_requested_reply=\"true\" send_type=\"method_return\"/>\n"
           "    <allow send_requested_reply=\"true\" send_type=\"error\"/>\n"
           "    <allow receive_type=\"method_call\"/>\n"
           "    <allow receive_type=\"method_return\"/>\n"
           "    <allow receive_type=\"error\"/>\n"
           "    <allow receive_type=\"signal\"/>\n"
           "    <allow send_destination=\"org.freedesktop.DBus\"\n"
           "           send_interface=\"org.freedesktop.DBus\"/>\n"
           "    <allow send_destination=\"org.freedesktop.DBus\"\n"
           "           send_interface=\"org.freedesktop.DBus.Introspectable\"/>\n"
           "    <allow send_destination=\"org.freedesktop.DBus\"\n"
           "           send_interface=\"org.freedesktop.DBus.Properties\"/>\n"
           "    <allow send_destination=\"org.freedesktop.DBus\"\n"
           "           send_interface=\"org.freedesktop.DBus.Containers1\"/>\n"
           "    <deny send_destination=\"org.freedesktop.DBus\"\n"
           "          send_interface=\"org.freedesktop.DBus\"\n"
           "          send_member=\"UpdateActivationEnvironment\"/>\n"
           "    <deny send_destination=\"org.freedesktop.DBus\"\n"
           "          send_interface=\"org.freedesktop.DBus.Debug.Stats\"/>\n"
           "    <deny send_destination=\"org.freedesktop.DBus\"\n"
           "          send_interface=\"org.freedesktop.systemd1.Activator\"/>\n"
           "  </policy>\n"
           "  <policy user=\"root\">\n"
           "    <allow send_destination=\"org.freedesktop.DBus\"\n"
           "           send_interface=\"org.freedesktop.DBus.Monitoring\"/>\n"
           "  </policy>\n"
           "  <include>" +
           xml_escape(std::filesystem::absolute(policy).string()) +
           "</include>\n"
           "</busconfig>\n";
}

/// Whether a client can connect to the unix socket at `path` now.
bool accepts(const std::filesystem::path& path) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const std::string p = path.string();
    std::memcpy(addr.sun_path, p.c_str(), p.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "socket");
    const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

} // namespace

PrivateBus::PrivateBus() {
    start(session_config(socket_path()));
}

PrivateBus::PrivateBus(const SystemLike& system) {
    // Like /run/dbus: other users reach the socket (srwxrwxrwx) through the directory.
    std::filesystem::permissions(dir_.path(), std::filesystem::perms::others_exec,
                                 std::filesystem::perm_options::add);
    start(system_config(socket_path(), system.policy_file),
          system.users != nullptr ? system.users->prefix() : std::vector<std::string>{});
}

PrivateBus PrivateBus::system_like(const std::filesystem::path& policy_file) {
    return PrivateBus(SystemLike{policy_file});
}

std::filesystem::path PrivateBus::socket_path() const {
    return dir_.path() / "bus";
}

std::vector<std::string> PrivateBus::env() const {
    return {"DBUS_SESSION_BUS_ADDRESS=" + address_, "DBUS_SYSTEM_BUS_ADDRESS=" + address_};
}

void PrivateBus::start(const std::string& config, const std::vector<std::string>& prefix) {
    const std::filesystem::path socket = socket_path();
    if (socket.string().size() >= sizeof(sockaddr_un{}.sun_path))
        throw std::runtime_error("PrivateBus: socket path too long for AF_UNIX: " +
                                 socket.string());
    address_ = "unix:path=" + socket.string();
    const std::string config_path = dir_ / "bus.conf";
    std::ofstream(config_path) << config;

    ProcessOptions options;
    options.log_file = dir_ / "dbus-daemon.log";
    options.prefix = prefix;
    daemon_.emplace("dbus-daemon",
                    std::vector<std::string>{"--config-file=" + config_path, "--nofork",
                                             "--nopidfile", "--nosyslog", "--print-address=1"},
                    options);
    bool running = true;
    const bool up = poll_until(
        [&] {
            running = daemon_->alive();
            return !running || accepts(socket);
        },
        kStartTimeout, 10ms);
    if (up && running) return;
    const std::string why = running ? "does not accept connections after 5 s" : "has ended";
    const std::string log = daemon_->log();
    daemon_.reset(); // stops it
    throw std::runtime_error("PrivateBus: dbus-daemon " + why + "; its log:\n" + log +
                             "its config:\n" + config);
}

PrivateBus::Result PrivateBus::call(const std::vector<std::string>& busctl_args,
                                    std::chrono::milliseconds timeout) {
    return call_as({}, busctl_args, timeout);
}

PrivateBus::Result PrivateBus::call_as(const std::vector<std::string>& prefix,
                                       const std::vector<std::string>& busctl_args,
                                       std::chrono::milliseconds timeout) {
    std::vector<std::string> args{"--address=" + address_};
    args.insert(args.end(), busctl_args.begin(), busctl_args.end());
    return run("busctl", args,
               ProcessOptions{.jack_server = {}, .env = {}, .log_file = {}, .prefix = prefix},
               timeout);
}

bool PrivateBus::has_owner(const std::string& name) {
    const Result r = call({"call", "org.freedesktop.DBus", "/org/freedesktop/DBus",
                           "org.freedesktop.DBus", "NameHasOwner", "s", name});
    if (r.status != 0)
        throw std::runtime_error("PrivateBus: NameHasOwner " + name + " failed: " + r.out);
    return r.out == "b true\n";
}

bool PrivateBus::wait_for_name(const std::string& name, std::chrono::milliseconds timeout) {
    return poll_until([&] { return has_owner(name); }, timeout, 20ms);
}

} // namespace preamp::test
