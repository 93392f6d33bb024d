// Proves the integration-test fixture with real processes: jackd -d dummy, the Probe
// client, and programs run by DaemonProcess.

#include "DaemonProcess.hpp"
#include "JackServer.hpp"
#include "Measure.hpp"
#include "Probe.hpp"
#include "Signals.hpp"
#include "TempDir.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <jack/metadata.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

constexpr double kFreq = 1000.0;
constexpr double kAmplitude = 0.5;

/// True once `pid` no longer names any process (it has ended and been reaped).
bool gone(pid_t pid) {
    return ::kill(pid, 0) != 0 && errno == ESRCH;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::ranges::find(names, name) != names.end();
}

class FixtureTest : public ::testing::Test {
protected:
    void SetUp() override {
        server.start(JackServer::unique_name());
        jackd_pid = server.pid();
    }
    void TearDown() override {
        server.stop();
        EXPECT_TRUE(gone(jackd_pid)) << "jackd " << jackd_pid << " is still there";
    }

    /// A probe whose output "out" is connected to its own input "in".
    std::unique_ptr<Probe> loopback_probe() {
        auto probe = std::make_unique<Probe>(server.name());
        probe->add_output("out");
        probe->add_input("in");
        probe->connect(probe->full_name("out"), probe->full_name("in"));
        return probe;
    }

    JackServer server;
    pid_t jackd_pid = -1;
};

TEST_F(FixtureTest, LoopbackSineArrivesAtThePlayedAmplitude) {
    auto probe = loopback_probe();
    ASSERT_EQ(probe->sample_rate(), 48000u);
    ASSERT_EQ(probe->buffer_size(), 256u);
    probe->play("out", Sine{kFreq, kAmplitude});
    const std::vector<float> x = probe->capture("in", 0.5);

    ASSERT_EQ(x.size(), 24000u);
    EXPECT_EQ(probe->overruns(), 0u);
    // The sine starts at a period boundary with sin(0) = 0; its second sample is the
    // first non-zero one, and the recorded samples are the played ones, bit for bit.
    const std::size_t start = onset(x) - 1;
    ASSERT_LT(start, 3u * 256u);
    EXPECT_EQ(start % 256u, 0u);
    const Waveform played = sine_wave(Sine{kFreq, kAmplitude}, 48000.0);
    for (std::size_t i = start; i < x.size(); ++i)
        ASSERT_EQ(x[i], played(i - start)) << "at " << i;
    EXPECT_NEAR(tone_db(x, start, kFreq, 48000.0, kAmplitude), 0.0, 0.01);
    EXPECT_NEAR(rms_db(x, start), db(kAmplitude / std::sqrt(2.0)), 0.01);
}

TEST_F(FixtureTest, SilenceRecordsAsZeros) {
    auto probe = loopback_probe();
    probe->play("out", Sine{kFreq, kAmplitude});
    probe->silence("out");
    ASSERT_TRUE(probe->wait_for_periods(probe->periods() + 2, 1s));
    const std::vector<float> x = probe->capture("in", 0.1);
    EXPECT_EQ(onset(x), x.size());
}

TEST_F(FixtureTest, MetadataSetOnAPortReadsBack) {
    Probe probe(server.name());
    const std::string out = probe.add_output("out");
    EXPECT_EQ(probe.property(out, JACK_METADATA_PRETTY_NAME), std::nullopt);

    probe.set_property(out, JACK_METADATA_PRETTY_NAME, "Probe Out");
    probe.set_property(out, JACK_METADATA_PORT_GROUP, "Probe");
    probe.set_property(out, JACK_METADATA_ORDER, "3", "http://www.w3.org/2001/XMLSchema#integer");

    Probe reader(server.name(), "reader"); // another client sees them too
    EXPECT_EQ(reader.property(out, JACK_METADATA_PRETTY_NAME), "Probe Out");
    EXPECT_EQ(reader.property(out, JACK_METADATA_PORT_GROUP), "Probe");
    EXPECT_EQ(reader.property(out, JACK_METADATA_ORDER), "3");
    EXPECT_EQ(reader.property_type(out, JACK_METADATA_ORDER),
              "http://www.w3.org/2001/XMLSchema#integer");
}

TEST_F(FixtureTest, ProbeNoticesACrashAndReopensAfterRestart) {
    auto probe = loopback_probe();
    const pid_t crashed = server.pid();
    server.kill();
    EXPECT_TRUE(gone(crashed));
    ASSERT_TRUE(probe->wait_for_shutdown(2s));

    server.restart();
    jackd_pid = server.pid();
    EXPECT_NE(jackd_pid, crashed);
    probe->reopen();
    EXPECT_TRUE(probe->alive());
    EXPECT_TRUE(probe->port_exists("probe:out"));
    EXPECT_TRUE(probe->connections("probe:out").empty()); // the new server has none
    probe->connect("probe:out", "probe:in");
    probe->play("out", Sine{kFreq, kAmplitude});
    const std::vector<float> x = probe->capture("in", 0.2);
    EXPECT_NEAR(tone_db(x, onset(x), kFreq, 48000.0, kAmplitude), 0.0, 0.01);
}

TEST_F(FixtureTest, ListsPortsAndConnections) {
    auto probe = loopback_probe();
    const auto all = probe->ports();
    for (const char* port : {"system:capture_1", "system:capture_2", "system:playback_1",
                             "system:playback_2", "probe:out", "probe:in"})
        EXPECT_TRUE(contains(all, port)) << port;
    EXPECT_EQ(probe->ports("^system:capture_").size(), 2u);
    EXPECT_EQ(probe->ports("^probe:", JackPortIsOutput), std::vector<std::string>{"probe:out"});
    EXPECT_EQ(probe->connections("probe:in"), std::vector<std::string>{"probe:out"});
    EXPECT_FALSE(probe->port_exists("probe:nothing"));

    probe->connect("probe:out", "system:playback_1");
    EXPECT_TRUE(probe->wait_for_connection("probe:out", "system:playback_1", 1s));
    probe->disconnect("probe:out", "system:playback_1");
    EXPECT_FALSE(contains(probe->connections("probe:out"), "system:playback_1"));

    Probe late(server.name(), "late");
    EXPECT_FALSE(probe->port_exists("late:x"));
    late.add_input("x");
    EXPECT_TRUE(probe->wait_for_port("late:x", 1s));
}

TEST_F(FixtureTest, AnotherProgramSeesTheServerByItsName) {
    const auto jack_lsp = program_from_env("JACK_LSP");
    if (!jack_lsp) GTEST_SKIP() << "JACK_LSP is not set to an executable";
    auto probe = loopback_probe();
    DaemonProcess lsp(*jack_lsp, {"-c"}, {.jack_server = server.name(), .env = {}, .log_file = {}});
    const auto status = lsp.wait_exit(5s);
    ASSERT_TRUE(status);
    EXPECT_EQ(describe_status(*status), "exited with status 0") << lsp.log();
    EXPECT_NE(lsp.log().find("probe:out\n   probe:in\n"), std::string::npos) << lsp.log();
}

TEST_F(FixtureTest, PausedServerRunsNoPeriods) {
    Probe probe(server.name());
    ASSERT_TRUE(probe.wait_for_periods(probe.periods() + 2, 1s));
    server.pause();
    std::this_thread::sleep_for(50ms); // a period already begun may still end
    const std::uint64_t frozen = probe.periods();
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(probe.periods(), frozen);
    server.resume();
    EXPECT_TRUE(probe.wait_for_periods(frozen + 2, 1s));
    EXPECT_TRUE(probe.alive());
}

TEST(JackServer, TwoServersRunSideBySide) {
    const auto jack_lsp = program_from_env("JACK_LSP");
    if (!jack_lsp) GTEST_SKIP() << "JACK_LSP is not set to an executable";
    // What `jack_lsp` run against `server` prints.
    const auto lsp = [&](const JackServer& server) {
        DaemonProcess p(*jack_lsp, {}, {.jack_server = server.name(), .env = {}, .log_file = {}});
        const auto status = p.wait_exit(5s);
        EXPECT_TRUE(status && WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << p.log();
        return p.log();
    };
    JackServer a(JackServer::unique_name());
    JackServer b(JackServer::unique_name(), 44100, 128);
    ASSERT_NE(a.name(), b.name());
    ASSERT_NE(a.pid(), b.pid());

    Probe pa(a.name(), "pa"); // a Probe on one of them: libjack serves one per process
    pa.add_output("x");
    EXPECT_NE(lsp(a).find("pa:x\n"), std::string::npos);
    EXPECT_EQ(lsp(b).find("pa:x"), std::string::npos);
    EXPECT_THROW(Probe(b.name(), "pb"), std::logic_error);

    const pid_t pids[] = {a.pid(), b.pid()};
    a.stop(); // closes pa's client
    EXPECT_FALSE(pa.alive());
    EXPECT_NE(lsp(b).find("system:playback_2\n"), std::string::npos); // b is unaffected
    Probe pb(b.name(), "pb");
    EXPECT_EQ(pb.sample_rate(), 44100u);
    EXPECT_EQ(pb.buffer_size(), 128u);
    b.stop();
    for (pid_t pid : pids)
        EXPECT_TRUE(gone(pid));
}

TEST(JackServer, ADuplicateNameFailsWithTheLog) {
    JackServer first(JackServer::unique_name());
    JackServer second;
    try {
        second.start(first.name());
        FAIL() << "a second jackd -n " << first.name() << " started";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(first.name()), std::string::npos) << e.what();
    }
    EXPECT_EQ(second.pid(), -1);
    EXPECT_TRUE(first.running());
}

TEST(DaemonProcess, WaitsForItsLogAndEndsOnSigterm) {
    // exec: dash would leave a `sleep 30` running after the shell got SIGTERM.
    DaemonProcess sh("/bin/sh", {"-c", "echo ready; exec sleep 30"});
    EXPECT_TRUE(sh.wait_for_log(Pattern("(^|\n)ready(\n|$)"), 5s)) << sh.log();
    EXPECT_TRUE(sh.alive());
    EXPECT_EQ(sh.wait_exit(0ms), std::nullopt);
    sh.signal(SIGTERM);
    const auto status = sh.wait_exit(2s);
    ASSERT_TRUE(status);
    EXPECT_TRUE(WIFSIGNALED(*status) && WTERMSIG(*status) == SIGTERM) << describe_status(*status);
    EXPECT_TRUE(gone(sh.pid()));
}

TEST(DaemonProcess, GetsTheJackEnvironmentAndItsOwn) {
    DaemonProcess env("/usr/bin/env", {},
                      {.jack_server = "srv",
                       .env = {"PREAMP_X=1", "HOME=/nowhere", "JACK_NO_START_SERVER=0"},
                       .log_file = {}});
    ASSERT_TRUE(env.wait_exit(5s));
    std::vector<std::string> lines;
    std::istringstream in(env.log());
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    for (const char* line : {"JACK_NO_AUDIO_RESERVATION=1", "JACK_NO_START_SERVER=0",
                             "JACK_DEFAULT_SERVER=srv", "PREAMP_X=1", "HOME=/nowhere"})
        EXPECT_TRUE(contains(lines, line)) << line;
    EXPECT_FALSE(contains(lines, "JACK_NO_START_SERVER=1"));
}

TEST(DaemonProcess, StopsWaitingForALogLineWhenItExits) {
    DaemonProcess sh("/bin/sh", {"-c", "echo oops >&2; exit 3"});
    const auto before = std::chrono::steady_clock::now();
    EXPECT_FALSE(sh.wait_for_log(Pattern("ready"), 10s));
    EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
    EXPECT_EQ(sh.log(), "oops\n");
    EXPECT_EQ(describe_status(*sh.wait_exit(0ms)), "exited with status 3");
}

TEST(DaemonProcess, KillsWhatIgnoresSigterm) {
    DaemonProcess sh("/bin/sh", {"-c", "trap '' TERM; echo ready; exec sleep 30"});
    ASSERT_TRUE(sh.wait_for_log(Pattern("ready"), 5s));
    EXPECT_EQ(describe_status(sh.terminate(200ms)), "killed by signal 9 (Killed)");
}

// The sanitizer build's safety net: a report fails the test even when the program's exit
// status is what the test expects, or nobody looks at it.
TEST(DaemonProcess, FailsTheTestOnASanitizerReport) {
    EXPECT_NONFATAL_FAILURE(
        {
            DaemonProcess sh("/bin/sh", {"-c", "echo '==7==ERROR: LeakSanitizer: detected memory "
                                               "leaks' >&2; exit 1"});
            (void)sh.wait_exit(5s);
        },
        "/bin/sh (pid ");
    EXPECT_NONFATAL_FAILURE(
        {
            DaemonProcess sh("/bin/sh", {"-c", "echo 'a.cpp:1:2: runtime error: signed integer "
                                               "overflow'; exec sleep 30"});
            (void)sh.wait_for_log(Pattern("overflow"), 5s);
        }, // the destructor ends it
        "a.cpp:1:2: runtime error: signed integer overflow");
}

TEST(DaemonProcess, ProgramFromEnvNeedsAnExecutable) {
    ::setenv("PREAMP_TEST_PROGRAM", "/bin/sh", 1);
    EXPECT_EQ(program_from_env("PREAMP_TEST_PROGRAM"), "/bin/sh");
    ::setenv("PREAMP_TEST_PROGRAM", "/nonexistent/preampd", 1);
    EXPECT_EQ(program_from_env("PREAMP_TEST_PROGRAM"), std::nullopt);
    ::unsetenv("PREAMP_TEST_PROGRAM");
    EXPECT_EQ(program_from_env("PREAMP_TEST_PROGRAM"), std::nullopt);
}

/// Sets environment variable `name` to `value` (unsets it for nullptr) until it ends.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* was = std::getenv(name)) was_ = was;
        set(value);
    }
    ~ScopedEnv() { set(was_ ? was_->c_str() : nullptr); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    void set(const char* value) {
        if (value == nullptr)
            ::unsetenv(name_);
        else
            ::setenv(name_, value, 1);
    }
    const char* name_;
    std::optional<std::string> was_;
};

/// An executable shell script at `path` (its directories made), saying `text`.
void write_program(const std::filesystem::path& path, const std::string& text = "exit 0") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << "#!/bin/sh\n" << text << "\n";
    std::filesystem::permissions(path, std::filesystem::perms::owner_all);
}

TEST(DaemonProcess, ProgramsUnderTestComeFromAnotherBuildWhenAsked) {
    const TempDir dir;
    write_program(dir / "own/src/daemon/preampd");
    write_program(dir / "other/src/daemon/preampd");
    write_program(dir / "own/tests/integration/rt_misbehave");
    const ScopedEnv root("PREAMP_BUILD_ROOT", (dir / "own").c_str());
    const ScopedEnv own_programs("PREAMP_PROGRAMS_FROM", nullptr);
    const ScopedEnv preampd("PREAMPD", (dir / "own/src/daemon/preampd").c_str());
    const ScopedEnv misbehave("PREAMP_RT_MISBEHAVE",
                              (dir / "own/tests/integration/rt_misbehave").c_str());
    EXPECT_EQ(program_from_env("PREAMPD"), dir / "own/src/daemon/preampd");
    {
        const ScopedEnv from("PREAMP_PROGRAMS_FROM", (dir / "other").c_str());
        EXPECT_EQ(program_from_env("PREAMPD"), dir / "other/src/daemon/preampd");
        // Only the programs under test move; the tests' own helpers stay.
        EXPECT_EQ(program_from_env("PREAMP_RT_MISBEHAVE"),
                  dir / "own/tests/integration/rt_misbehave");
    }
    {
        // A build that lacks the program fails the test: a skip would pass without testing.
        const ScopedEnv from("PREAMP_PROGRAMS_FROM", (dir / "empty").c_str());
        std::optional<std::string> found;
        EXPECT_NONFATAL_FAILURE(found = program_from_env("PREAMPD"),
                                "PREAMP_PROGRAMS_FROM=" + dir / "empty" + " has no PREAMPD");
        EXPECT_EQ(found, std::nullopt);
    }
}

TEST(DaemonProcess, TellsAProgramWithAddressSanitizer) {
    const TempDir dir;
    write_program(dir / "plain");
    write_program(dir / "sanitized", "# calls __asan_init");
    EXPECT_FALSE(has_address_sanitizer(dir / "plain"));
    EXPECT_TRUE(has_address_sanitizer(dir / "sanitized"));
    EXPECT_FALSE(has_address_sanitizer("/bin/sh"));
}

} // namespace
} // namespace preamp::test
