// The real-time rule proven on the running daemon. preampd runs with rt_watch.so
// LD_PRELOADed — tests/support/RtWatch.hpp's counters, the same as test_realtime's, around
// whatever process callback it registers with JACK — on a jackd -d dummy at 64-frame
// periods, the probe playing into cd, while two D-Bus clients storm every read/write
// property and two SIGHUP reloads add an input and take it away again (each swapping the
// graph the callback runs), and a MIDI controller (MidiPeer) sends a control change every
// period to midi_in and gets the storm's changes back on midi_out. Its callback must have run
// thousands of times and called nothing that allocates, frees, locks, waits, sleeps or does I/O.
//
// The controls: rt_misbehave, a JACK client whose callback allocates, locks, writes and
// sleeps on purpose, is caught under the same rt_watch.so, each misdeed under its own name;
// and with no misdeeds it is not.

#include "DaemonFixture.hpp"
#include "Measure.hpp"
#include "MidiPeer.hpp"
#include "PollUntil.hpp"
#include "PropertyStorm.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <unistd.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

/// What rt_watch.so wrote: "key value" lines, and the stack of the first offence.
struct WatchReport {
    std::map<std::string, std::string> values;
    std::vector<std::string> stack;
    std::string text;

    /// The value of `key` as a number; 0 when there is none.
    [[nodiscard]] std::uint64_t number(const std::string& key) const {
        const auto it = values.find(key);
        return it == values.end() ? 0 : std::strtoull(it->second.c_str(), nullptr, 10);
    }
};

WatchReport read_report(const std::string& path) {
    WatchReport r;
    r.text = read_file(path);
    std::istringstream in(r.text);
    for (std::string line; std::getline(in, line);) {
        const auto space = line.find(' ');
        if (space == std::string::npos) continue;
        const std::string key = line.substr(0, space);
        const std::string value = line.substr(space + 1);
        if (key == "stack")
            r.stack.push_back(value.substr(value.find(' ') + 1));
        else
            r.values[key] = value;
    }
    return r;
}

/// The functions counted more than zero times, "malloc 3, free 3"; then the first
/// offence's stack, each frame named by addr2line where it can (a program's own
/// functions are no dynamic symbols, which is all rt_watch.so can see).
std::string offences(const WatchReport& r) {
    static const std::vector<std::string> not_calls = {
        "pid", "final", "registrations", "unwatched", "callbacks", "forbidden", "first"};
    std::string out;
    for (const auto& [key, value] : r.values)
        if (std::find(not_calls.begin(), not_calls.end(), key) == not_calls.end() && value != "0")
            out += (out.empty() ? "" : ", ") + key + " " + value;
    out += "\nfirst: " + (r.values.count("first") ? r.values.at("first") : std::string("-"));
    for (const auto& f : r.stack) {
        out += "\n  " + f; // "object(symbol+0x1f) [+0x4a2f]", or "object [+0x4a2f]"
        const auto object_end = f.find_first_of(" (");
        const auto offset_at = f.rfind("[+0x");
        if (object_end == std::string::npos || offset_at == std::string::npos) continue;
        // A return address: the call is the byte before it.
        char address[32];
        std::snprintf(address, sizeof address, "0x%llx",
                      std::stoull(f.substr(offset_at + 4), nullptr, 16) - 1);
        const auto named =
            run("addr2line", {"-f", "-C", "-p", "-e", f.substr(0, object_end), address});
        if (named.status == 0) out += "\n      " + trim(named.out);
    }
    return out;
}

/// rt_watch.so, from PREAMP_RT_WATCH; empty, and why in `skip`, when the test cannot run.
std::string watch_library(std::string& skip) {
    if (const char* off = std::getenv("PREAMP_RT_WATCH_OFF")) {
        skip = off;
        return {};
    }
    const char* so = std::getenv("PREAMP_RT_WATCH");
    if (so == nullptr || ::access(so, R_OK) != 0) {
        skip = "PREAMP_RT_WATCH does not name rt_watch.so";
        return {};
    }
    return so;
}

/// For ProcessOptions::env: rt_watch.so preloaded, reporting to `report`.
std::vector<std::string> watch_env(const std::string& so, const std::string& report) {
    return {"LD_PRELOAD=" + so, "PREAMP_RT_WATCH_OUT=" + report};
}

class RtDaemonTest : public DaemonTest {
protected:
    RtDaemonTest() { jack_period = 64; }
    void SetUp() override {
        std::string skip;
        so_ = watch_library(skip);
        if (so_.empty()) GTEST_SKIP() << skip;
        if (const auto program = program_from_env("PREAMPD");
            program && has_address_sanitizer(*program))
            GTEST_SKIP() << *program
                         << " has AddressSanitizer, whose runtime replaces malloc "
                            "and the blocking calls that rt_watch.so interposes";
        DaemonTest::SetUp();
    }
    [[nodiscard]] std::string report_path() const { return dir / "rt_watch"; }
    WatchReport report() const { return read_report(report_path()); }
    /// Bass management and a speaker set, so that the callback runs every part of the
    /// engine.
    static constexpr const char* kOutputs =
        "bass_management = { crossover_hz = 100.0; sub_delay_ms = 3.0; };\n"
        "speakers = ( { name = \"b\"; label = \"Nearfields\"; delay_ms = 1.5; on = true; } );\n"
        "midi = { enabled = true; connect = [\"midipeer:out\"]; feedback_connect = "
        "[\"midipeer:in\"]; };\n";

    /// Rewrites the config with `extra_inputs`, sends SIGHUP, waits for the reload.
    void reload(const std::string& extra_inputs) {
        const auto reloads = [&] {
            const std::string log = daemon->log();
            std::size_t n = 0;
            for (auto at = log.find("Configuration reloaded"); at != std::string::npos;
                 at = log.find("Configuration reloaded", at + 1))
                ++n;
            return n;
        };
        const std::size_t before = reloads();
        write_config({.extra_inputs = extra_inputs});
        daemon->signal(SIGHUP);
        ASSERT_TRUE(poll_until([&] { return reloads() > before; }, 20s)) << daemon->log();
    }

    std::string so_;
};

TEST_F(RtDaemonTest, TheProcessCallbackNeverAllocatesLocksOrBlocksUnderAControlStorm) {
    extra_env = watch_env(so_, report_path());
    extra_settings = kOutputs;
    write_config();
    open_probe();
    MidiPeer midi(server.name());
    start_daemon();
    ASSERT_TRUE(running());
    ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    ASSERT_TRUE(probe->wait_for_port("preamp:sub_out", 3s)) << daemon->log();
    ASSERT_TRUE(probe->wait_for_connection(midi.out_port(), "preamp:midi_in", 5s)) << daemon->log();
    ASSERT_TRUE(probe->wait_for_connection("preamp:midi_out", midi.in_port(), 5s));
    WatchReport r;
    ASSERT_TRUE(poll_until([&] { return (r = report()).number("callbacks") >= 100; }, 20s))
        << "no process callback was watched: did preampd register one with "
           "jack_set_process_callback?\n"
        << r.text;
    const std::uint64_t callbacks_before = r.number("callbacks");

    const auto storm_start = std::chrono::steady_clock::now();
    PropertyStorm storm(bus->address(), 2, {"cd", "phono"}, {.on = true, .sets = {"b"}});
    // CC 8 (balance, the default map) every period through the storm, as a knob turned.
    midi.limit(1);
    for (unsigned i = 0; i < 20000; ++i)
        ASSERT_TRUE(midi.cc(1, 8, i % 128));
    std::size_t feedback = 0;
    ASSERT_TRUE(poll_until([&] { return storm.sets() >= 200; }, 30s))
        << "the storm did not get going: " << storm.errors() << " errors";
    // A third input: the main thread builds a graph, the callback swaps it in; then back.
    reload(R"(, { name = "tuner"; label = "Tuner"; })");
    EXPECT_TRUE(probe->wait_for_port("preamp:tuner_L", 10s)) << "the first reload added no input";
    reload("");
    EXPECT_TRUE(poll_until([&] { return !probe->port_exists("preamp:tuner_L"); }, 10s))
        << "the second reload kept the input";
    ASSERT_TRUE(poll_until(
        [&] {
            return std::chrono::steady_clock::now() - storm_start >= 4s && storm.sets() >= 2000 &&
                   report().number("callbacks") >= callbacks_before + 2000 &&
                   (feedback += midi.received().size()) > 100 && midi.sent() > 1000;
        },
        90s))
        << storm.sets() << " sets, " << report().number("callbacks") - callbacks_before
        << " callbacks during the storm, " << midi.sent() << " MIDI events sent, " << feedback
        << " received";
    storm.stop();
    EXPECT_EQ(storm.errors(), 0u) << storm.first_error();

    // Audio went through while it was watched.
    ASSERT_EQ(set("Source", "s", "cd").status, 0);
    EXPECT_GT(rms_db(probe->capture("rec_L", 0.3)), -30.0) << "rec_out is silent";

    const int status = daemon->terminate(5s);
    EXPECT_EQ(status, 0) << describe_status(status);
    r = report();
    ASSERT_EQ(r.number("final"), 1u) << "no report at exit:\n" << r.text;
    std::printf("rt_daemon: %llu callbacks (%llu during the storm) of %llu registered, "
                "%llu forbidden calls, %llu property sets, 2 reloads, %llu MIDI events in, "
                "%zu out\n",
                static_cast<unsigned long long>(r.number("callbacks")),
                static_cast<unsigned long long>(r.number("callbacks") - callbacks_before),
                static_cast<unsigned long long>(r.number("registrations")),
                static_cast<unsigned long long>(r.number("forbidden")),
                static_cast<unsigned long long>(storm.sets()),
                static_cast<unsigned long long>(midi.sent()), feedback);
    EXPECT_GE(r.number("registrations"), 1u);
    EXPECT_EQ(r.number("unwatched"), 0u) << "a process callback ran unwatched";
    EXPECT_GE(r.number("callbacks"), callbacks_before + 2000);
    EXPECT_EQ(r.number("forbidden"), 0u)
        << "preampd's process callback called what the real-time rule forbids: " << offences(r);
}

/// rt_misbehave under rt_watch.so, on a server of its own.
class RtControlTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string skip;
        so_ = watch_library(skip);
        if (so_.empty()) GTEST_SKIP() << skip;
        const auto program = program_from_env("PREAMP_RT_MISBEHAVE");
        if (!program) GTEST_SKIP() << "PREAMP_RT_MISBEHAVE is not set";
        misbehave_ = *program;
        server.start(JackServer::unique_name("rw"), 48000, 64);
    }

    /// Runs rt_misbehave with `misdeeds` until 500 callbacks have been counted; `running`
    /// gets the report read then, and the one written at its exit is returned.
    WatchReport watch(const std::vector<std::string>& misdeeds, WatchReport& running) {
        const std::string out = dir / ("report-" + std::to_string(misdeeds.size()));
        std::vector<std::string> args{server.name()};
        args.insert(args.end(), misdeeds.begin(), misdeeds.end());
        ProcessOptions o;
        o.jack_server = server.name();
        o.env = watch_env(so_, out);
        DaemonProcess client(misbehave_, args, o);
        EXPECT_TRUE(poll_until(
            [&] { return (running = read_report(out)).number("callbacks") >= 500; }, 30s))
            << client.log() << running.text;
        const int status = client.terminate(5s);
        EXPECT_EQ(status, 0) << describe_status(status) << "\n" << client.log();
        return read_report(out);
    }

    std::string so_;
    std::string misbehave_;
    JackServer server;
    TempDir dir;
};

TEST_F(RtControlTest, ACallbackThatAllocatesLocksWritesAndSleepsIsCaught) {
    WatchReport running;
    const WatchReport r = watch({"alloc", "lock", "write", "sleep"}, running);
    EXPECT_GT(running.number("forbidden"), 0u) << "counted while it runs:\n" << running.text;
    ASSERT_EQ(r.number("final"), 1u) << r.text;
    std::printf("rt_misbehave: %llu callbacks, %llu forbidden calls: %s\n",
                static_cast<unsigned long long>(r.number("callbacks")),
                static_cast<unsigned long long>(r.number("forbidden")), offences(r).c_str());
    for (const char* call : {"malloc", "free", "pthread_mutex_lock", "write", "usleep"})
        EXPECT_GE(r.number(call), r.number("callbacks")) << call << " was not counted every period";
    const bool in_the_callback =
        std::any_of(r.stack.begin(), r.stack.end(), [](const std::string& f) {
            return f.find("rt_misbehave") != std::string::npos;
        });
    EXPECT_TRUE(in_the_callback) << "the first offence's stack misses the callback:\n" << r.text;
}

TEST_F(RtControlTest, ACallbackThatBreaksNoRuleIsNotCounted) {
    WatchReport running;
    const WatchReport r = watch({}, running);
    ASSERT_EQ(r.number("final"), 1u) << r.text;
    EXPECT_GE(r.number("callbacks"), 500u);
    EXPECT_EQ(r.number("forbidden"), 0u) << offences(r);
}

} // namespace
} // namespace preamp::test
