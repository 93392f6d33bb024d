// preampd's D-Bus interface, on a private bus, through busctl and dbus-monitor: every
// property read and written, refusals that change nothing, PropertiesChanged for every
// change, and changes that reach the audio.

#include "DaemonFixture.hpp"
#include "JackClient.hpp"
#include "Measure.hpp"
#include "PollUntil.hpp"

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

class DbusTest : public DaemonTest {
protected:
    void start() { start_controlled(); }
    PrivateBus::Result call(const std::vector<std::string>& method_and_args) {
        std::vector<std::string> args{"call", "--", kName, kPath, kInterface};
        args.insert(args.end(), method_and_args.begin(), method_and_args.end());
        return bus->call(args);
    }
    /// Records 0.3 s: rec_out_L must be the source, bit-exact, and pre_out_L `pre_db`
    /// below it.
    void expect_audio(double pre_db) {
        probe->record(0.3);
        const auto rec = probe->samples("rec_L");
        EXPECT_NEAR(rms_db(probe->samples("pre_L")) - rms_db(rec), pre_db, 0.01);
        const long long at = locate(rec, 20 * 48000);
        ASSERT_GE(at, 0) << "rec_out is not the source";
        EXPECT_TRUE(runs_on(rec, at, jack_period)) << "rec_out must be bit-exact";
    }
    /// After a SIGTERM: preampd must end with status 0 and say it stopped.
    void expect_clean_exit() {
        const auto status = daemon->wait_exit(3s);
        ASSERT_TRUE(status.has_value());
        EXPECT_EQ(*status, 0) << describe_status(*status);
        EXPECT_NE(daemon->log().find("Stopped; state saved"), std::string::npos);
    }
};

/// Makes the JACK server report an xrun to every client, as a real overrun does: a client
/// of its own sleeps through 10 periods in its process callback, once, then closes.
void provoke_xrun(const JackServer& server) {
    struct Late {
        std::atomic<bool> armed{false};
        std::atomic<bool> slept{false};
        std::chrono::microseconds nap;
    } late{.nap = std::chrono::microseconds(10'000'000ull * server.period() / server.rate())};
    const JackClient client = open_jack_client(server.name(), "late");
    ASSERT_TRUE(client);
    jack_set_process_callback(
        client.get(),
        [](jack_nframes_t, void* arg) -> int {
            auto& l = *static_cast<Late*>(arg);
            if (l.armed.exchange(false)) {
                std::this_thread::sleep_for(l.nap); // a test's own client, not preampd
                l.slept = true;
            }
            return 0;
        },
        &late);
    ASSERT_EQ(jack_activate(client.get()), 0);
    late.armed = true;
    ASSERT_TRUE(poll_until([&] { return late.slept.load(); }, 2s));
    ASSERT_EQ(jack_deactivate(client.get()), 0);
}

TEST_F(DbusTest, EveryPropertyReadsBack) {
    start();
    EXPECT_EQ(get("Volume"), "d -12");
    EXPECT_EQ(get("Sources"), "a(ss) 2 \"cd\" \"CD Player\" \"phono\" \"Turntable\"");
    EXPECT_EQ(get("VolumeRange"), "(dd) -80 0");
    EXPECT_EQ(get("BassRange"), "(dd) -12 12");
    EXPECT_EQ(get("State"), "s \"running\"");
    EXPECT_EQ(get("SampleRate"), "u 48000");
    EXPECT_EQ(get("BufferSize"), "u 256");

    const std::vector<std::tuple<std::string, std::string, std::string>> writes = {
        {"Volume", "d", "-20.5"}, {"Mute", "b", "true"},    {"Dim", "b", "true"},
        {"Source", "s", "phono"}, {"RecSource", "s", "cd"}, {"Balance", "d", "-0.25"},
        {"Bass", "d", "4.5"},     {"Treble", "d", "-3"},    {"Loudness", "b", "true"},
        {"Direct", "b", "true"}};
    for (const auto& [property, type, value] : writes) {
        const auto r = set(property, type, value);
        EXPECT_EQ(r.status, 0) << property << ": " << r.out;
        const std::string shown = type == "s" ? "\"" + value + "\"" : value;
        EXPECT_EQ(get(property), type + " " + shown);
    }
    EXPECT_EQ(trim(call({"ToggleMute"}).out), "b false");
    EXPECT_EQ(trim(call({"StepVolume", "d", "100"}).out), "d 0") << "stops at the top";
    EXPECT_EQ(trim(call({"StepVolume", "d", "-1000"}).out), "d -80") << "stops at the bottom";
}

TEST_F(DbusTest, RefusalsNameTheValueAndChangeNothing) {
    start();
    const std::vector<std::tuple<std::string, std::string, std::string, std::string>> bad = {
        {"Volume", "d", "3", "volume 3 dB is out of range: allowed -80 to 0 dB"},
        {"Volume", "d", "nan", "not a finite number"},
        {"Volume", "d", "inf", "not a finite number"},
        {"Bass", "d", "12.5", "bass 12.5 dB is out of range: allowed -12 to 12 dB"},
        {"Balance", "d", "-1.5", "balance -1.5 is out of range"},
        {"Source", "s", "tape", "unknown source \"tape\": the sources are cd, phono"},
        {"Source", "s", "", "unknown source \"\""},
        {"RecSource", "s", std::string(300, 'x'), "at most 256"},
        {"Bass", "s", "loud", "expected 'd'"}};
    const std::string before = get("Volume") + get("Bass") + get("Balance") + get("Source");
    for (const auto& [property, type, value, message] : bad) {
        const auto r = set(property, type, value);
        EXPECT_NE(r.status, 0) << property << " = " << value << " was accepted";
        EXPECT_NE(r.out.find(message), std::string::npos) << r.out;
    }
    EXPECT_EQ(get("Volume") + get("Bass") + get("Balance") + get("Source"), before);
    EXPECT_TRUE(daemon->alive());
}

TEST_F(DbusTest, ErrorsCarryTheirNames) {
    start();
    // dbus-send prints the error's name, which busctl does not.
    const auto send = [&](const std::string& property, const std::string& variant) {
        ProcessOptions o;
        o.env = bus->env();
        DaemonProcess p("dbus-send",
                        {"--session", "--print-reply", "--dest=" + std::string(kName), kPath,
                         "org.freedesktop.DBus.Properties.Set", std::string("string:") + kInterface,
                         "string:" + property, variant},
                        o);
        p.wait_exit(3s);
        return p.log();
    };
    EXPECT_NE(send("Volume", "variant:double:5").find("org.preampd.Error.InvalidValue"),
              std::string::npos);
    EXPECT_NE(send("Source", "variant:string:tape").find("org.preampd.Error.UnknownSource"),
              std::string::npos);
}

TEST_F(DbusTest, EveryChangeIsAnnounced) {
    start();
    DaemonProcess& monitor = monitor_changes();
    ASSERT_EQ(set("Volume", "d", "-33").status, 0);
    EXPECT_TRUE(monitor.wait_for_log(Pattern("\"Volume\"[^]*double -33"), 2s)) << monitor.log();
    ASSERT_EQ(set("Source", "s", "phono").status, 0);
    EXPECT_TRUE(monitor.wait_for_log(Pattern("\"Source\"[^]*string \"phono\""), 2s));
    // A change that did not come from D-Bus: a reload that narrows the volume range.
    write_config({.extra_inputs = "", .volume = "ramp_ms = 5.0; min_db = -30.0;"});
    daemon->signal(SIGHUP);
    EXPECT_TRUE(monitor.wait_for_log(Pattern("\"VolumeRange\""), 2s))
        << monitor.log() << daemon->log();
    EXPECT_EQ(get("Volume"), "d -30") << "clamped into the new range";
}

TEST_F(DbusTest, AnXrunIsAnnounced) {
    start();
    EXPECT_EQ(get("Xruns"), "t 0");
    DaemonProcess& monitor = monitor_changes();
    ASSERT_NO_FATAL_FAILURE(provoke_xrun(server));
    ASSERT_TRUE(daemon->wait_for_log(Pattern("JACK xruns"), 2s));
    EXPECT_TRUE(monitor.wait_for_log(Pattern("\"Xruns\"[^]*uint64 [1-9]"), 2s)) << monitor.log();
    EXPECT_NE(get("Xruns"), "t 0");
}

// DspLoad changes every tick: announcing it would flood the bus, so it says it is polled.
TEST_F(DbusTest, DspLoadAndCallbackTimeSayTheyAreNotAnnounced) {
    start();
    const auto r = bus->call({"introspect", "--xml-interface", kName, kPath});
    ASSERT_EQ(r.status, 0) << r.out;
    for (const std::string property : {"DspLoad", "CallbackTime"})
        EXPECT_TRUE(Pattern(R"(<property name=")" + property +
                            R"("[^>]*>\s*<annotation )"
                            R"(name="org\.freedesktop\.DBus\.Property\.EmitsChangedSignal" )"
                            R"(value="false"/>)")
                        .found_in(r.out))
            << property << " in " << r.out;
}

TEST_F(DbusTest, CallbackTimeIsMeasuredAndWithinThePeriod) {
    start();
    // Measured once a tick of the main loop has read the callback's times.
    ASSERT_TRUE(poll_until([&] { return get("CallbackTime") != "(dd) 0 0"; }, 3s));
    const std::string shown = get("CallbackTime"); // "(dd) MEAN MAX"
    const auto m = Pattern(R"(\(dd\) (\S+) (\S+))").match(shown);
    ASSERT_TRUE(m) << shown;
    const double mean = std::stod((*m)[1]), max = std::stod((*m)[2]);
    const double period_us = 1e6 * 256 / 48000;
    EXPECT_GT(mean, 0.0) << shown;
    EXPECT_LE(mean, max) << shown;
    EXPECT_LT(max, period_us) << shown;
}

TEST_F(DbusTest, XrunsCountSinceStartAcrossJackRestarts) {
    start();
    ASSERT_NO_FATAL_FAILURE(provoke_xrun(server));
    ASSERT_TRUE(daemon->wait_for_log(Pattern("JACK xruns"), 2s));
    std::string before;
    ASSERT_TRUE(poll_until([&] { return (before = get("Xruns")) != "t 0"; }, 2s));
    server.restart();
    probe->reopen();
    ASSERT_TRUE(daemon->wait_for_log(Pattern("JACK server went away"), 3s));
    // Reconnecting can take libjack seconds while the new server comes up, or wedge it
    // for good (then preampd starts anew after 10 s, keeping the count): wait for that.
    ASSERT_TRUE(
        daemon->wait_for_log(Pattern("Running as JACK client(.|\n)*Running as JACK client"), 25s));
    ASSERT_TRUE(poll_until([&] { return get("State") == "s \"running\""; }, 3s));
    play_for(0.6); // ticks (every 0.25 s) that read the new session's count
    const auto count = [](const std::string& shown) { return std::stoull(shown.substr(2)); };
    EXPECT_GE(count(get("Xruns")), count(before)) << "was " << before;
    ASSERT_NO_FATAL_FAILURE(provoke_xrun(server));
    EXPECT_TRUE(poll_until([&] { return count(get("Xruns")) > count(before); }, 2s))
        << "an xrun after the restart adds to the count";
}

TEST_F(DbusTest, AVolumeChangeReachesPreOutAndNotRecOut) {
    start();
    ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_L", "probe:pre_L", 2s));
    ASSERT_EQ(set("Volume", "d", "-30").status, 0);
    play_for(0.1); // a period and the 5 ms ramp, with room
    expect_audio(-30.0);
}

// The bus may go before preampd does (both stopped at once, or the bus daemon crashing):
// preampd is no longer controlled, but plays on and still stops cleanly.
TEST_F(DbusTest, LosingTheBusKeepsTheAudioAndAStopStaysClean) {
    start();
    ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_L", "probe:pre_L", 2s));
    bus.reset();
    EXPECT_TRUE(daemon->wait_for_log(Pattern("warning: .*D-Bus"), 2s)) << daemon->log();
    play_for(0.6); // ticks (every 0.25 s), each of which would announce
    ASSERT_TRUE(daemon->alive()) << daemon->log();
    expect_audio(-12.0);
    daemon->signal(SIGTERM);
    expect_clean_exit();
    const std::string log = daemon->log();
    EXPECT_EQ(Pattern("warning: [^\n]*D-Bus").count_in(log), 1u) << "one warning\n" << log;
}

TEST_F(DbusTest, AChangeRightBeforeTheBusGoesStillStopsCleanly) {
    start();
    ASSERT_EQ(set("Volume", "d", "-20").status, 0);
    bus.reset();
    daemon->signal(SIGTERM);
    expect_clean_exit();
    EXPECT_NE(read_file(state_path()).find("volume_db = -20\n"), std::string::npos);

    // Both stopped together, as at shutdown: preampd fades out while the bus goes.
    bus.emplace();
    start_daemon();
    ASSERT_TRUE(running());
    ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    ASSERT_EQ(set("Volume", "d", "-25").status, 0);
    daemon->signal(SIGTERM);
    bus.reset();
    expect_clean_exit();
    EXPECT_NE(read_file(state_path()).find("volume_db = -25\n"), std::string::npos);
}

TEST_F(DbusTest, ASecondDaemonOnTheSameBusStopsWithAClearMessage) {
    start();
    ProcessOptions o;
    o.jack_server = server.name();
    o.env = bus->env();
    DaemonProcess second(preampd_, {"--config", config_path()}, o);
    const auto status = second.wait_exit(5s);
    ASSERT_TRUE(status.has_value());
    EXPECT_NE(*status, 0);
    EXPECT_NE(second.log().find("org.preampd.Preamp is already owned on the session bus"),
              std::string::npos)
        << second.log();
    EXPECT_TRUE(daemon->alive());
}

TEST_F(DbusTest, AnInstanceOwnsItsOwnName) {
    write_config();
    start_daemon({"--instance", "zone2"});
    ASSERT_TRUE(daemon->wait_for_log(Pattern("Running as JACK client \"preamp-zone2\""), 5s));
    EXPECT_TRUE(bus->wait_for_name("org.preampd.Preamp.zone2", 3s));
}

} // namespace
} // namespace preamp::test

namespace preamp::test {
namespace {

// The project's system-bus policy, on a system-like private bus: anyone reads, only
// root (or the audio group) writes. Runs as root; "nobody" plays the stranger.
class PolicyTest : public DaemonTest {
protected:
    void SetUp() override {
        DaemonTest::SetUp();
        if (IsSkipped()) return;
        if (::geteuid() != 0) GTEST_SKIP() << "needs root to act as another user";
        bus.reset();
        bus.emplace(PrivateBus::SystemLike{PREAMPD_SOURCE_DIR "/config/org.preampd.Preamp.conf"});
        // The stranger must reach the socket.
        std::filesystem::permissions(bus->socket_path().parent_path(),
                                     std::filesystem::perms::others_exec,
                                     std::filesystem::perm_options::add);
    }
    PrivateBus::Result as_nobody(const std::vector<std::string>& busctl_args) {
        std::vector<std::string> args{"--reuid=65534", "--regid=65534", "--clear-groups", "busctl",
                                      "--address=" + bus->address()};
        args.insert(args.end(), busctl_args.begin(), busctl_args.end());
        DaemonProcess p("setpriv", args);
        const auto status = p.wait_exit(5s);
        return {status && WIFEXITED(*status) ? WEXITSTATUS(*status) : -1, p.log()};
    }
};

TEST_F(PolicyTest, StrangersReadAndOnlyRootWrites) {
    write_config();
    start_daemon({"--system"});
    ASSERT_TRUE(running());
    ASSERT_TRUE(bus->wait_for_name(kName, 3s));

    const auto read = as_nobody({"get-property", kName, kPath, kInterface, "Volume"});
    EXPECT_EQ(read.status, 0) << read.out;
    EXPECT_NE(read.out.find("d -12"), std::string::npos) << read.out;

    const auto write =
        as_nobody({"set-property", kName, kPath, kInterface, "Volume", "--", "d", "-20"});
    EXPECT_NE(write.status, 0);
    EXPECT_NE(write.out.find("Access denied"), std::string::npos) << write.out;
    const auto method = as_nobody({"call", kName, kPath, kInterface, "ToggleMute"});
    EXPECT_NE(method.status, 0) << method.out;

    const auto root =
        bus->call({"set-property", kName, kPath, kInterface, "Volume", "--", "d", "-20"});
    EXPECT_EQ(root.status, 0) << root.out;
    EXPECT_EQ(bus->call({"get-property", kName, kPath, kInterface, "Volume"}).out, "d -20\n");

    // A stranger may not own the name either.
    const auto own =
        as_nobody({"call", "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                   "RequestName", "su", "org.preampd.Preamp.fake", "0"});
    EXPECT_NE(own.status, 0) << own.out;
}

} // namespace
} // namespace preamp::test

namespace preamp::test {
namespace {

TEST_F(DaemonTest, AChangeIsSavedShortlyAfterAndSaveStateSavesAtOnce) {
    start_controlled();
    ASSERT_EQ(bus->call({"set-property", kName, kPath, kInterface, "Bass", "--", "d", "4"}).status,
              0);
    EXPECT_TRUE(poll_until(
        [&] { return read_file(state_path()).find("bass_db = 4\n") != std::string::npos; }, 3s))
        << "saved a short while after the change";
    ASSERT_EQ(
        bus->call({"set-property", kName, kPath, kInterface, "Treble", "--", "d", "-2"}).status, 0);
    ASSERT_EQ(bus->call({"call", kName, kPath, kInterface, "SaveState"}).status, 0);
    EXPECT_NE(read_file(state_path()).find("treble_db = -2\n"), std::string::npos)
        << "SaveState writes before it answers";
}

} // namespace
} // namespace preamp::test
