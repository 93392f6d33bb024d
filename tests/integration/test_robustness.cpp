// preampd against the things that used to stop it: many ports at a SIGTERM, a reload
// whose ports cannot all be made, a client name already taken, and its memory lock.

#include "DaemonFixture.hpp"
#include "DaemonProcess.hpp"
#include "JackClient.hpp"
#include "JackServer.hpp"
#include "Measure.hpp"
#include "PollUntil.hpp"
#include "Probe.hpp"

#include <chrono>
#include <csignal>
#include <fstream>
#include <gtest/gtest.h>
#include <string>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

// ", { name = "inN"; }" for N in [first, last).
std::string inputs(int first, int last) {
    std::string s;
    for (int i = first; i < last; ++i)
        s += ", { name = \"in" + std::to_string(i) + "\"; label = \"Input " + std::to_string(i) +
             "\"; }";
    return s;
}

TEST_F(DaemonTest, SigtermWith64StereoInputsEndsWithinTwoSeconds) {
    write_config({.extra_inputs = inputs(2, 64)}); // 64 inputs: 128 + 4 ports
    open_probe();
    start_daemon();
    ASSERT_TRUE(running(10s));
    ASSERT_TRUE(probe->wait_for_port("preamp:in63_R", 5s));
    ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_L", "probe:pre_L", 3s));

    const auto t0 = std::chrono::steady_clock::now();
    daemon->signal(SIGTERM);
    const auto status = daemon->wait_exit(5s);
    const auto took = std::chrono::steady_clock::now() - t0;
    ASSERT_TRUE(status.has_value()) << "preampd did not end within 5 s of SIGTERM";
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << describe_status(*status);
    EXPECT_LT(took, 2s) << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                        << " ms";
    // The server and its other clients carry on.
    const std::uint64_t periods = probe->periods();
    EXPECT_TRUE(poll_until([&] { return probe->periods() > periods + 10; }, 2s))
        << "the other client's process callback stopped";
    EXPECT_TRUE(poll_until([&] { return !probe->port_exists("preamp:cd_L"); }, 2s));
}

TEST_F(DaemonTest, AReloadWhosePortsCannotAllBeMadeKeepsTheOldConfiguration) {
    // Room for the dummy driver's 4 ports, the probe's 7 and preampd's 8, and a few more:
    // not for 4 more inputs (8 ports).
    server.stop();
    server.set_launch({.prefix = {}, .env = {}, .server_args = {"--port-max", "24"}});
    server.restart();
    write_config();
    open_probe();
    start_daemon();
    ASSERT_TRUE(running());
    ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_L", "probe:pre_L", 2s));

    write_config({.extra_inputs = inputs(2, 6)});
    daemon->signal(SIGHUP);
    ASSERT_TRUE(daemon->wait_for_log(Pattern("Reload refused.*cannot register JACK port"), 3s))
        << daemon->log();
    // Over D-Bus, Reload answers with the error once the JACK side has refused.
    const auto reload = bus->call({"call", kName, kPath, kInterface, "Reload"});
    EXPECT_NE(reload.status, 0);
    EXPECT_NE(reload.out.find("cannot register JACK port"), std::string::npos) << reload.out;
    // Nothing of the new configuration stays: not its ports, not its sources.
    EXPECT_FALSE(probe->port_exists("preamp:in2_L"));
    EXPECT_EQ(get("Sources"), "a(ss) 2 \"cd\" \"CD Player\" \"phono\" \"Turntable\"");
    // And the old one still plays and obeys: 6 dB down is 6 dB down on pre_out.
    ASSERT_EQ(set("Volume", "d", "-18").status, 0);
    EXPECT_TRUE(poll_until(
        [&] {
            const auto pre = probe->capture("pre_L", 0.1);
            const auto rec = probe->capture("rec_L", 0.1);
            return std::abs(rms_db(pre) - rms_db(rec) + 18.0) < 0.1;
        },
        3s))
        << "pre_out does not follow Volume after the refused reload";

    // A reload that fits is taken.
    write_config({.extra_inputs = inputs(2, 3)});
    EXPECT_EQ(bus->call({"call", kName, kPath, kInterface, "Reload"}).status, 0);
    EXPECT_TRUE(daemon->wait_for_log(Pattern("Configuration reloaded"), 3s));
    EXPECT_TRUE(probe->wait_for_port("preamp:in2_R", 2s));
}

TEST_F(DaemonTest, ASecondDaemonOfTheSameNameRefusesToStartAndSaysWhy) {
    start_controlled();
    PrivateBus other_bus;
    ProcessOptions o;
    o.jack_server = server.name();
    o.env = other_bus.env();
    DaemonProcess second(preampd_, {"--config", config_path()}, o);
    const auto status = second.wait_exit(5s);
    ASSERT_TRUE(status.has_value()) << second.log();
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 1) << describe_status(*status);
    EXPECT_NE(second.log().find("already has a client named \"preamp\""), std::string::npos)
        << second.log();
    EXPECT_NE(second.log().find("--instance"), std::string::npos) << second.log();
    EXPECT_FALSE(probe->port_exists("preamp-01:cd_L"));
    EXPECT_TRUE(daemon->alive());
    EXPECT_EQ(get("State"), "s \"running\"");
}

TEST_F(DaemonTest, LocksItsMemoryAtStart) {
    const auto strace = program_from_env("STRACE");
    if (!strace) GTEST_SKIP() << "strace is not installed";
    if (geteuid() != 0) GTEST_SKIP() << "mlockall needs root or an unlimited RLIMIT_MEMLOCK";
    if (has_address_sanitizer(preampd_))
        GTEST_SKIP() << "AddressSanitizer's runtime makes mlockall a no-op (it would lock the "
                        "shadow memory), and "
                     << preampd_ << " has it";
    write_config();
    const std::string trace = dir / "strace.out";
    ProcessOptions o;
    o.jack_server = server.name();
    o.env = bus->env();
    DaemonProcess traced(
        *strace, {"-f", "-o", trace, "-e", "trace=mlockall", preampd_, "--config", config_path()},
        o);
    EXPECT_TRUE(traced.wait_for_log(Pattern("Running as JACK client"), 10s)) << traced.log();
    EXPECT_TRUE(Pattern(R"(mlockall\(MCL_CURRENT\|MCL_FUTURE\) += 0)").found_in(read_file(trace)))
        << read_file(trace);
}

// A frozen server: the stall check's probe client waits in libjack, which never returns
// while the server is stopped (as jack_client_close did once after a server died, on a
// lock nobody would release). After 10 s preampd starts itself anew, same process id,
// state saved, and is back on JACK once the server goes on.
TEST_F(DaemonTest, ALibjackThatNeverReturnsMakesItStartAnew) {
    start_controlled();
    ASSERT_EQ(set("Volume", "d", "-17").status, 0);
    probe->connect("preamp:rec_out_L", "probe:extra"); // by hand, as in a patchbay
    ASSERT_TRUE(probe->wait_for_connection("preamp:rec_out_L", "probe:extra", 2s));
    // JACK tells its clients of a connection without waiting for them, of a new client
    // waiting for each, in order: once this one is open, preampd has heard of the
    // connection, and a server stopped now cannot keep it from remembering it.
    ASSERT_TRUE(open_jack_client(server.name(), "heard"));
    const pid_t pid = daemon->pid();
    server.pause();
    EXPECT_TRUE(daemon->wait_for_log(
        Pattern("libjack has not returned for 10 s: starting preampd anew.*state saved"), 30s))
        << daemon->log();
    server.resume();
    const auto runs = [&] {
        const std::string log = daemon->log();
        std::size_t n = 0;
        for (std::size_t at = log.find("Running as JACK client"); at != std::string::npos;
             at = log.find("Running as JACK client", at + 1))
            ++n;
        return n;
    };
    EXPECT_TRUE(poll_until([&] { return runs() >= 2; }, 10s)) << daemon->log();
    EXPECT_TRUE(daemon->alive());
    EXPECT_EQ(daemon->pid(), pid) << "the same process, as systemd knows it";
    EXPECT_TRUE(bus->wait_for_name(kName, 5s));
    EXPECT_TRUE(poll_until([&] { return get("State") == "s \"running\""; }, 5s));
    EXPECT_EQ(get("Volume"), "d -17") << "the state came along";
    EXPECT_TRUE(probe->wait_for_port("preamp:cd_L", 5s));
    EXPECT_TRUE(probe->wait_for_connection("preamp:rec_out_L", "probe:extra", 5s))
        << "the connection made by hand came along too";
    std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
    std::string name;
    std::getline(comm, name);
    EXPECT_EQ(name, "preampd") << "ps and top name it as before";
}

} // namespace
} // namespace preamp::test
