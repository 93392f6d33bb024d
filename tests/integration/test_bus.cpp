// Proves PrivateBus with real processes: dbus-daemon, busctl, dbus-send, and (when
// libsystemd is there) a connection of the test's own that owns names.

#include "DaemonProcess.hpp"
#include "PollUntil.hpp"
#include "PrivateBus.hpp"
#include "TempDir.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fstream>
#include <gtest/gtest.h>
#include <stdexcept>

#ifdef PREAMP_TEST_SD_BUS
#include "BusConnection.hpp"
#endif

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

/// True once `pid` no longer names any process (it has ended and been reaped).
bool gone(pid_t pid) {
    return ::kill(pid, 0) != 0 && errno == ESRCH;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(PrivateBusTest, ASessionBusAnswersBusctlAndClientsFindItThroughEnv) {
    PrivateBus bus;
    EXPECT_TRUE(bus.alive());
    EXPECT_EQ(bus.address(), "unix:path=" + bus.socket_path().string());
    EXPECT_TRUE(std::filesystem::exists(bus.socket_path()));
    const auto env = bus.env();
    EXPECT_NE(std::ranges::find(env, "DBUS_SESSION_BUS_ADDRESS=" + bus.address()), env.end());

    const auto list = bus.call({"list"});
    EXPECT_EQ(list.status, 0) << list.out;
    EXPECT_TRUE(contains(list.out, "org.freedesktop.DBus")) << list.out;

    // A client that looks for "the session bus" gets this one.
    ProcessOptions o;
    o.env = env;
    DaemonProcess send("dbus-send",
                       {"--session", "--print-reply", "--dest=org.freedesktop.DBus",
                        "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"},
                       o);
    ASSERT_EQ(send.wait_exit(3s), 0) << send.log();
    EXPECT_TRUE(contains(send.log(), "string \"org.freedesktop.DBus\"")) << send.log();

    // Errors come back with a non-zero status and busctl's message.
    const auto bad = bus.call({"call", "org.test.Nobody", "/", "org.test.Iface", "Ping"});
    EXPECT_NE(bad.status, 0);
    EXPECT_TRUE(contains(bad.out, "org.test.Nobody")) << bad.out;
}

TEST(PrivateBusTest, WaitForNameSeesAnOwnerComeAndGo) {
    PrivateBus bus;
    EXPECT_FALSE(bus.has_owner("org.test.Name"));
    EXPECT_FALSE(bus.wait_for_name("org.test.Name", 100ms));

    // busctl can own a name, but only while it runs: it is gone again at once.
    const auto r = bus.call({"call", "org.freedesktop.DBus", "/org/freedesktop/DBus",
                             "org.freedesktop.DBus", "RequestName", "su", "org.test.Name", "0"});
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "u 1\n") << "DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER";
    EXPECT_FALSE(bus.has_owner("org.test.Name"));

#ifdef PREAMP_TEST_SD_BUS
    std::optional<BusConnection> owner(std::in_place, bus.address());
    ASSERT_GE(owner->request_name("org.test.Name"), 0);
    EXPECT_TRUE(bus.wait_for_name("org.test.Name", 1s));
    EXPECT_TRUE(contains(bus.call({"list"}).out, "org.test.Name"));
    owner.reset();
    EXPECT_TRUE(poll_until([&] { return !bus.has_owner("org.test.Name"); }, 1s));
#else
    GTEST_SKIP() << "no libsystemd: no long-lived owner to test wait_for_name against";
#endif
}

TEST(PrivateBusTest, TwoBusesLiveSideBySideAndEachIsGoneAfterItsDestructor) {
    std::optional<PrivateBus> a(std::in_place);
    std::optional<PrivateBus> b(std::in_place);
    EXPECT_NE(a->address(), b->address());
    EXPECT_NE(a->pid(), b->pid());
    const pid_t a_pid = a->pid();
    const pid_t b_pid = b->pid();
    const auto a_socket = a->socket_path();
    const auto b_socket = b->socket_path();

#ifdef PREAMP_TEST_SD_BUS
    // A name on one is not on the other.
    BusConnection owner(a->address());
    ASSERT_GE(owner.request_name("org.test.OnA"), 0);
    EXPECT_TRUE(a->wait_for_name("org.test.OnA", 1s));
    EXPECT_FALSE(b->has_owner("org.test.OnA"));
#endif

    a.reset();
    EXPECT_TRUE(gone(a_pid)) << "dbus-daemon " << a_pid << " is still there";
    EXPECT_FALSE(std::filesystem::exists(a_socket));
    EXPECT_FALSE(std::filesystem::exists(a_socket.parent_path()));
    EXPECT_TRUE(b->alive()) << "the other bus ended too";
    EXPECT_EQ(b->call({"list"}).status, 0);

    b.reset();
    EXPECT_TRUE(gone(b_pid)) << "dbus-daemon " << b_pid << " is still there";
    EXPECT_FALSE(std::filesystem::exists(b_socket));
}

TEST(PrivateBusTest, ASystemLikeBusDeniesByDefaultAndAppliesTheIncludedPolicy) {
    TempDir dir;
    const std::string policy = dir / "policy.conf";
    std::ofstream(policy) << "<!DOCTYPE busconfig PUBLIC"
                             " \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                             " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                             "<busconfig>\n"
                             "  <policy context=\"default\">\n"
                             "    <allow own=\"org.test.Allowed\"/>\n"
                             "  </policy>\n"
                             "</busconfig>\n";
    const PrivateBus made = PrivateBus::system_like(policy); // the factory works too
    std::optional<PrivateBus> bus(std::in_place, PrivateBus::SystemLike{policy});

    const auto list = bus->call({"list"});
    EXPECT_EQ(list.status, 0) << list.out;
    EXPECT_TRUE(contains(list.out, "org.freedesktop.DBus")) << list.out;

    const auto request = [&](const std::string& name) {
        return bus->call({"call", "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "RequestName", "su", name, "0"});
    };
    const auto denied = request("org.test.Denied");
    EXPECT_NE(denied.status, 0);
    EXPECT_TRUE(contains(denied.out, "Access denied")) << denied.out;
    const auto allowed = request("org.test.Allowed");
    EXPECT_EQ(allowed.status, 0) << allowed.out;
    EXPECT_EQ(allowed.out, "u 1\n");

#ifdef PREAMP_TEST_SD_BUS
    // The policy lets org.test.Allowed be owned, but not be called: the default denies
    // method calls to anyone but the bus itself.
    BusConnection owner(bus->address());
    EXPECT_EQ(BusConnection(bus->address()).request_name("org.test.Denied"), -EACCES);
    ASSERT_GE(owner.request_name("org.test.Allowed"), 0);
    ASSERT_TRUE(bus->wait_for_name("org.test.Allowed", 1s));
    const auto call = bus->call({"call", "org.test.Allowed", "/", "org.test.Iface", "Ping"});
    EXPECT_NE(call.status, 0);
    EXPECT_TRUE(contains(call.out, "Access denied")) << call.out;
#endif
}

TEST(PrivateBusTest, ASystemLikeBusWithoutItsPolicyFileDoesNotStart) {
    TempDir dir;
    try {
        PrivateBus bus = PrivateBus::system_like(dir / "missing.conf");
        ADD_FAILURE() << "it started";
    } catch (const std::runtime_error& e) {
        EXPECT_TRUE(contains(e.what(), "missing.conf")) << e.what();
    }
}

} // namespace
} // namespace preamp::test
