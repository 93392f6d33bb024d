// preampd on PipeWire's JACK (pipewire-jack), with WirePlumber, as on a desktop: its
// ports, their metadata, its connections and its audio; then PipeWire crashing and coming
// back; and WirePlumber starting after preampd, which describes its ports once it can.
// preampd runs under pw-jack, and so does this whole program (meson runs it so), so
// that the probe is a client of PipeWire's libjack too.

#include "DaemonFixture.hpp"
#include "Measure.hpp"
#include "PipeWireServer.hpp"
#include "PollUntil.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <gtest/gtest.h>
#include <iostream>
#include <jack/metadata.h>
#include <sstream>
#include <string>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

// Generous: other builds and tests share the machine's two cores.
constexpr std::chrono::milliseconds kStart = 20s;  // preampd's ports, once PipeWire runs
constexpr std::chrono::milliseconds kSettle = 10s; // a connection, metadata, a State change
constexpr std::chrono::milliseconds kAudio = 15s;  // a clean recording

struct PortText {
    const char* port;
    const char* pretty;
    const char* group;
};
constexpr PortText kPorts[] = {
    {"preamp:cd_L", "CD Player L", "CD Player"},    {"preamp:cd_R", "CD Player R", "CD Player"},
    {"preamp:phono_L", "Turntable L", "Turntable"}, {"preamp:phono_R", "Turntable R", "Turntable"},
    {"preamp:rec_out_L", "Rec Out L", "Rec Out"},   {"preamp:rec_out_R", "Rec Out R", "Rec Out"},
    {"preamp:pre_out_L", "Pre Out L", "Pre Out"},   {"preamp:pre_out_R", "Pre Out R", "Pre Out"}};

// DaemonTest::write_config()'s connections: source, destination.
constexpr std::pair<const char*, const char*> kConfigured[] = {
    {"probe:cd_L", "preamp:cd_L"},       {"probe:cd_R", "preamp:cd_R"},
    {"preamp:rec_out_L", "probe:rec_L"}, {"preamp:rec_out_R", "probe:rec_R"},
    {"preamp:pre_out_L", "probe:pre_L"}, {"preamp:pre_out_R", "probe:pre_R"}};

/// What a recording of rec_out and pre_out showed.
struct Audio {
    bool ok = false;
    std::string report;
};

class PipeWireTest : public DaemonTest {
protected:
    void SetUp() override {
        const auto program = program_from_env("PREAMPD");
        if (!program) GTEST_SKIP() << "PREAMPD is not set";
        preampd_ = *program;
        if (const auto why = PipeWireServer::unavailable()) GTEST_SKIP() << *why;
        ASSERT_TRUE(PipeWireServer::serves_this_process())
            << "this test must run under pw-jack (meson test runs it so): its probe needs "
               "PipeWire's libjack, and has "
            << jack_get_version_string();
        pw.start(48000, 256, session_manager_);
        bus.emplace();
        extra_env = pw.env();
        daemon_prefix = PipeWireServer::prefix();
        write_config();
        open_probe(pw.name());
        opened_ = std::chrono::steady_clock::now();
    }
    void TearDown() override {
        DaemonTest::TearDown();
        if (HasFailure()) ADD_FAILURE() << "PipeWire's logs:\n" << pw.log();
    }

    /// preampd's State property ("s \"running\""), "" while it cannot be read.
    std::string state() {
        const auto r = bus->call({"get-property", kName, kPath, kInterface, "State"});
        return r.status == 0 ? trim(r.out) : "";
    }
    bool wait_for_state(const std::string& want, std::chrono::milliseconds timeout) {
        return poll_until([&] { return state() == "s \"" + want + "\""; }, timeout, 50ms);
    }

    /// Every port of preampd's, and no other, with its pretty name, group and order.
    void expect_ports() {
        int order = 0;
        for (const auto& text : kPorts) {
            const std::string port = text.port, pretty = text.pretty, group = text.group;
            const std::string n = std::to_string(++order);
            ASSERT_TRUE(probe->wait_for_port(port, kSettle)) << port;
            // PipeWire hands metadata on through its "default" metadata object: it may
            // reach the probe after the port.
            poll_until(
                [&] {
                    return probe->property(port, JACK_METADATA_PRETTY_NAME) == pretty &&
                           probe->property(port, JACK_METADATA_PORT_GROUP) == group &&
                           probe->property(port, JACK_METADATA_ORDER) == n;
                },
                kSettle);
            EXPECT_EQ(probe->property(port, JACK_METADATA_PRETTY_NAME), pretty) << port;
            EXPECT_EQ(probe->property(port, JACK_METADATA_PORT_GROUP), group) << port;
            EXPECT_EQ(probe->property(port, JACK_METADATA_ORDER), n) << port;
            EXPECT_EQ(probe->property_type(port, JACK_METADATA_ORDER),
                      "http://www.w3.org/2001/XMLSchema#integer")
                << port;
        }
        EXPECT_EQ(probe->ports("^preamp:").size(), std::size(kPorts)) << "no other ports";
    }

    void expect_configured_connections() {
        for (const auto& [source, destination] : kConfigured)
            EXPECT_TRUE(probe->wait_for_connection(source, destination, kSettle))
                << source << " -> " << destination;
    }

    /// Records 0.5 s: rec_out must be the probe's programme bit for bit, pre_out that at
    /// volume.default_db (-12 dB).
    Audio listen() {
        probe->record(0.5);
        const auto elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - opened_);
        const auto horizon = static_cast<std::uint64_t>((elapsed.count() + 10.0) * pw.rate());
        Audio a{.ok = true, .report = {}};
        std::ostringstream report;
        for (const char* side : {"L", "R"}) {
            const auto rec = probe->samples(std::string("rec_") + side);
            const auto pre = probe->samples(std::string("pre_") + side);
            const long long at = locate(rec, horizon);
            if (at < 0) {
                report << " rec_out_" << side << " is not the programme;";
                a.ok = false;
                continue;
            }
            // PipeWire's quantum here is 256 frames (BufferSize, checked below).
            const PeriodCheck periods = check_periods(rec, at, 256);
            const std::size_t bad = periods.broken;
            const double gain = rms_db(pre) - rms_db(rec);
            report << " rec_out_" << side << ": " << bad << " periods broken"
                   << (bad > 0 ? " (" + periods.first_broken + ")" : "") << ", " << periods.slipped
                   << " one period off, pre_out_" << side << ": " << gain << " dB;";
            a.ok = a.ok && bad == 0 && std::fabs(gain - -12.0) <= 0.01;
        }
        a.report = report.str();
        return a;
    }

    /// listen() until the audio is right (connections are made one after the other, and
    /// pre_out fades in), for up to `timeout`; what the last one showed.
    Audio wait_for_audio(std::chrono::milliseconds timeout) {
        Audio a;
        poll_until([&] { return (a = listen()).ok; }, timeout);
        return a;
    }

    PipeWireServer pw;
    /// Whether SetUp() starts WirePlumber with pipewire or leaves it to the test.
    PipeWireServer::SessionManager session_manager_ = PipeWireServer::SessionManager::now;
    std::chrono::steady_clock::time_point opened_;
};

/// PipeWire without WirePlumber until the test starts it: no "default" metadata store, so
/// PipeWire's libjack refuses preampd's port metadata at first.
class PipeWireLateSessionManagerTest : public PipeWireTest {
protected:
    PipeWireLateSessionManagerTest() { session_manager_ = PipeWireServer::SessionManager::later; }
};

TEST_F(PipeWireTest, PlaysWithItsPortsMetadataAndConnections) {
    start_daemon();
    ASSERT_TRUE(running(kStart)) << "preampd's ports on PipeWire";
    ASSERT_TRUE(bus->wait_for_name(kName, kSettle));
    EXPECT_TRUE(wait_for_state("running", kSettle)) << state();
    EXPECT_EQ(get("SampleRate"), "u 48000") << "PipeWire's graph's rate";
    EXPECT_EQ(get("BufferSize"), "u 256") << "PipeWire's graph's quantum";
    expect_ports();
    expect_configured_connections();
    const Audio audio = wait_for_audio(kAudio);
    EXPECT_TRUE(audio.ok) << "rec_out bit-exact, pre_out at -12 dB:" << audio.report;
}

TEST_F(PipeWireTest, ComesBackWithEverythingAfterPipeWireCrashes) {
    start_daemon();
    ASSERT_TRUE(running(kStart)) << "preampd's ports on PipeWire";
    ASSERT_TRUE(bus->wait_for_name(kName, kSettle));
    ASSERT_TRUE(wait_for_state("running", kSettle)) << state();
    expect_configured_connections();
    probe->connect("preamp:rec_out_L", "probe:extra"); // by hand, as in a patchbay
    ASSERT_TRUE(probe->wait_for_connection("preamp:rec_out_L", "probe:extra", kSettle));
    // preampd hears of the link from PipeWire's registry when the probe does; nothing
    // tells when it has recorded it, but a D-Bus round trip (a busctl process) is ample.
    EXPECT_EQ(state(), "s \"running\"");

    pw.kill(); // pipewire: SIGKILL; wireplumber quits with it
    ASSERT_TRUE(wait_for_state("waiting-for-jack", kSettle))
        << "preampd did not see PipeWire go (pipewire-jack calls jack_on_shutdown()'s "
           "callback, not jack_on_info_shutdown()'s); State is "
        << state();
    // pipewire and WirePlumber are back within about 0.2 s of the kill, before preampd's
    // first retry (0.25 s after it saw the shutdown). A preampd that connected in between would
    // have its metadata refused (pipewire-jack drops jack_set_property() until WirePlumber has
    // made the "default" metadata) and set it at its next try, a second later: that is
    // PipeWireLateSessionManagerTest's.
    pw.start();
    probe->reopen();
    EXPECT_TRUE(wait_for_state("running", kStart)) << state();
    expect_ports();
    expect_configured_connections();
    EXPECT_TRUE(probe->wait_for_connection("preamp:rec_out_L", "probe:extra", kSettle))
        << "the hand-made connection";
    const Audio audio = wait_for_audio(kAudio);
    EXPECT_TRUE(audio.ok) << "rec_out bit-exact, pre_out at -12 dB:" << audio.report;
    EXPECT_TRUE(daemon->alive());
}

TEST_F(PipeWireLateSessionManagerTest, DescribesItsPortsOnceWirePlumberIsUp) {
    start_daemon();
    ASSERT_TRUE(running(kStart)) << "preampd's ports on PipeWire without WirePlumber";
    ASSERT_TRUE(bus->wait_for_name(kName, kSettle));
    ASSERT_TRUE(wait_for_state("running", kSettle)) << state();
    std::size_t early = 0;
    for (const auto& text : kPorts) {
        ASSERT_TRUE(probe->wait_for_port(text.port, kSettle)) << text.port;
        // Without WirePlumber's "default" metadata there is nowhere to keep it, as a rule;
        // under load PipeWire has been seen to keep some anyway, and read it back on the
        // wrong port (cd_L: "CD Player R"). Not preampd's to decide: what must hold is
        // what follows, every port right once WirePlumber is up.
        if (probe->property(text.port, JACK_METADATA_PRETTY_NAME)) ++early;
    }
    if (early > 0)
        std::cout << "note: PipeWire kept metadata for " << early
                  << " ports before WirePlumber ran; the retry path is not what this run tests\n";

    pw.start_session_manager(); // returns once WirePlumber has set up the sink
    // preampd tries again every second; 5 s for all of it.
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    const auto left = [&] {
        return std::max(std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now()),
                        0ms);
    };
    int order = 0;
    for (const auto& text : kPorts) {
        const std::string port = text.port, pretty = text.pretty, group = text.group;
        const std::string n = std::to_string(++order);
        poll_until(
            [&] {
                return probe->property(port, JACK_METADATA_PRETTY_NAME) == pretty &&
                       probe->property(port, JACK_METADATA_PORT_GROUP) == group &&
                       probe->property(port, JACK_METADATA_ORDER) == n;
            },
            left(), 50ms);
        EXPECT_EQ(probe->property(port, JACK_METADATA_PRETTY_NAME), pretty)
            << port << ", within 5 s of WirePlumber";
        EXPECT_EQ(probe->property(port, JACK_METADATA_PORT_GROUP), group) << port;
        EXPECT_EQ(probe->property(port, JACK_METADATA_ORDER), n) << port;
    }
    EXPECT_EQ(state(), "s \"running\"");
    EXPECT_TRUE(daemon->alive());
}

} // namespace
} // namespace preamp::test
