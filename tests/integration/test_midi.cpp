// The JACK MIDI control surface on a real jackd: a test controller (MidiPeer) sends to
// preamp:midi_in and listens on preamp:midi_out. Absolute CC with soft take-over,
// relative encoders, switches, program change to source, a per-source ceiling, feedback
// after a D-Bus change, a flood of 10 000 events in a second, malformed MIDI; and the
// ports, their metadata and connections, Surfaces and `preampctl status`.

#include "MidiPeer.hpp"
#include "Pattern.hpp"
#include "PollUntil.hpp"
#include "PreampctlTest.hpp"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <gtest/gtest.h>
#include <jack/metadata.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;
using Bytes = std::vector<std::uint8_t>;

// The volume of CC value v with the fixture's -80..0 dB range (the documented curve).
double curve(unsigned v) {
    return std::round((-80.0 + 80.0 * v / 127.0) * 10.0) / 10.0;
}

class MidiTest : public PreampctlTest {
protected:
    // CC 7 a fader with soft take-over, CC 9 one without; CC 16 and 17 encoders in the
    // two codes; note 1 mute, note 2 dim while held; programs 0..2 the sources.
    static constexpr const char* kMidi = R"(
midi: {
  enabled = true;
  connect = ["midipeer:out"];
  feedback_connect = ["~^midipeer:i.$"];
  map = (
    { cc = 7; control = "volume"; },
    { cc = 9; control = "volume"; takeover = false; },
    { cc = 16; control = "volume"; mode = "relative"; },
    { cc = 17; control = "volume"; mode = "relative"; encoder = "offset64"; step_db = 0.5; },
    { cc = 8; control = "balance"; takeover = false; },
    { note = 1; control = "mute"; },
    { note = 2; control = "dim"; mode = "momentary"; },
    { program = 0; control = "source"; source = "cd"; },
    { program = 1; control = "source"; source = "phono"; },
    { program = 2; control = "source"; source = "tuner"; }
  );
};
)";
    static constexpr const char* kTuner =
        R"(, { name = "tuner"; label = "Tuner"; max_db = -30.0; })";
    // preampd with `settings` after the inputs cd, phono and tuner, and the controller.
    void start_with(const std::string& settings) {
        extra_settings = settings;
        write_config({.extra_inputs = kTuner});
        open_probe();
        peer.emplace(server.name());
        start_daemon();
        ASSERT_TRUE(running());
        ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    }
    void start_midi() {
        ASSERT_NO_FATAL_FAILURE(start_with(kMidi));
        ASSERT_TRUE(probe->wait_for_connection(peer->out_port(), "preamp:midi_in", 5s))
            << daemon->log();
        ASSERT_TRUE(probe->wait_for_connection("preamp:midi_out", peer->in_port(), 5s))
            << daemon->log();
    }
    double volume() { return std::stod(get("Volume").substr(2)); }
    bool volume_is(double db, std::chrono::milliseconds timeout = 3s) {
        return poll_until([&] { return std::abs(volume() - db) < 1e-6; }, timeout);
    }
    bool is(const std::string& property, const std::string& value) {
        return poll_until([&] { return get(property) == value; }, 3s);
    }
    // A marker through the same queue: once mute has flipped, everything sent before it
    // has been handled.
    void barrier() {
        const bool was = get("Mute") == "b true";
        peer->send({0x90, 1, 127});
        peer->send({0x80, 1, 0});
        ASSERT_TRUE(is("Mute", was ? "b false" : "b true")) << daemon->log();
    }
    // Whether midi_out sent `event` within 3 s (what came before it is dropped).
    bool feedback(const Bytes& event) {
        return poll_until(
            [&] {
                for (const auto& e : peer->received())
                    if (e == event) return true;
                return false;
            },
            3s);
    }

    // Rewrites the config with `settings` after the others, SIGHUP, waits for the reload.
    void reload(const std::string& settings) {
        DaemonTest::reload(settings, {.extra_inputs = kTuner});
    }

    std::optional<MidiPeer> peer;
};

TEST_F(MidiTest, PortsHaveMetadataAreConnectedAndShowInSurfacesAndStatus) {
    start_midi();
    EXPECT_EQ(probe->property("preamp:midi_in", JACK_METADATA_PRETTY_NAME), "MIDI In");
    EXPECT_EQ(probe->property("preamp:midi_out", JACK_METADATA_PRETTY_NAME), "MIDI Out");
    EXPECT_EQ(probe->property("preamp:midi_out", JACK_METADATA_PORT_GROUP), "MIDI");
    const std::string want = "as 1 \"midi: midi_in connected to midipeer:out; midi_out "
                             "connected to midipeer:in\"";
    EXPECT_TRUE(is("Surfaces", want)) << get("Surfaces");
    const Run status = ctl({"status"});
    EXPECT_EQ(status.status, 0);
    const auto line = status.out.find("\nsurfaces ");
    ASSERT_NE(line, std::string::npos) << status.out;
    EXPECT_EQ(status.out.substr(status.out.find("midi:", line),
                                status.out.find('\n', line + 1) - status.out.find("midi:", line)),
              "midi: midi_in connected to midipeer:out; midi_out connected to midipeer:in")
        << status.out;
    const Run json = ctl({"--json", "status"});
    EXPECT_TRUE(valid_json(json.out)) << json.out;
    EXPECT_NE(json.out.find("\"surfaces\": [\"midi: midi_in connected to midipeer:out; "
                            "midi_out connected to midipeer:in\"]"),
              std::string::npos)
        << json.out;
    // A patchbay undoes the connection: the property says so, and monitor prints it.
    std::optional<DaemonProcess> running_monitor;
    start_monitor(running_monitor);
    DaemonProcess& monitor = *running_monitor;
    probe->disconnect(peer->out_port(), "preamp:midi_in");
    EXPECT_TRUE(is("Surfaces", "as 1 \"midi: midi_in not connected; midi_out connected to "
                               "midipeer:in\""))
        << get("Surfaces");
    EXPECT_TRUE(monitor.wait_for_log(
        Pattern("Surfaces midi: midi_in not connected; midi_out connected to midipeer:in\n"), 3s))
        << monitor.log();
}

TEST_F(MidiTest, AfterAJackRestartThePortsAndConnectionsAreBackAndTheControllerIsToldAll) {
    start_midi();
    peer.reset(); // libjack: no client of ours may outlive its server
    server.restart();
    probe->reopen();
    ASSERT_TRUE(
        daemon->wait_for_log(Pattern("Running as JACK client(.|\n)*Running as JACK client"), 25s));
    peer.emplace(server.name());
    EXPECT_TRUE(probe->wait_for_connection(peer->out_port(), "preamp:midi_in", 5s))
        << daemon->log();
    EXPECT_TRUE(probe->wait_for_connection("preamp:midi_out", peer->in_port(), 5s));
    EXPECT_TRUE(feedback({0xB0, 7, 108})) << "the volume (-12 dB) to the controller anew";
    peer->cc(1, 9, 64);
    EXPECT_TRUE(volume_is(curve(64))) << volume();
}

TEST_F(MidiTest, AReloadTurnsMidiOnAndOffWithoutANewClient) {
    ASSERT_NO_FATAL_FAILURE(start_with(""));
    ASSERT_TRUE(probe->wait_for_port("preamp:pre_out_L", 5s));
    EXPECT_FALSE(probe->port_exists("preamp:midi_in"));
    EXPECT_EQ(get("Surfaces"), "as 0");
    reload(kMidi);
    EXPECT_TRUE(probe->wait_for_connection(peer->out_port(), "preamp:midi_in", 5s))
        << daemon->log();
    peer->cc(1, 9, 64);
    EXPECT_TRUE(volume_is(curve(64))) << volume();
    reload("");
    EXPECT_TRUE(poll_until([&] { return !probe->port_exists("preamp:midi_in"); }, 5s));
    EXPECT_EQ(Pattern("Running as JACK client").count_in(daemon->log()), 1u) << daemon->log();
    EXPECT_TRUE(is("Surfaces", "as 0"));
}

TEST_F(MidiTest, AFarFaderWaitsUntilItCrossesTheVolumeThenFollows) {
    start_midi();
    ASSERT_EQ(volume(), -12.0); // CC value 108
    peer->cc(1, 7, 20);
    peer->cc(1, 7, 30);
    barrier();
    EXPECT_EQ(volume(), -12.0) << "a fader far below moved the volume";
    peer->cc(1, 7, 110);
    peer->cc(1, 7, 100); // crossed 108 on the way
    EXPECT_TRUE(volume_is(curve(100))) << volume();
    peer->cc(1, 7, 90);
    EXPECT_TRUE(volume_is(curve(90))) << volume();
    // Moved over D-Bus: the fader must come to it again.
    ASSERT_EQ(set("Volume", "d", "-60").status, 0);
    peer->cc(1, 7, 91);
    barrier();
    EXPECT_EQ(volume(), -60.0);
}

TEST_F(MidiTest, EncodersSwitchesProgramChangesAndTheCeilingOfTheSelectedInput) {
    start_midi();
    peer->cc(1, 16, 3); // +3 × volume.step_db (1 dB)
    EXPECT_TRUE(volume_is(-9.0)) << volume();
    peer->cc(1, 16, 126); // -2
    EXPECT_TRUE(volume_is(-11.0)) << volume();
    peer->cc(1, 17, 60); // offset 64: -4 × 0.5 dB
    EXPECT_TRUE(volume_is(-13.0)) << volume();
    peer->send({0x90, 2, 100}); // dim while held
    EXPECT_TRUE(is("Dim", "b true"));
    peer->send({0x90, 2, 0}); // note on, velocity 0: released
    EXPECT_TRUE(is("Dim", "b false"));
    peer->send({0xC0, 1});
    EXPECT_TRUE(is("Source", "s \"phono\""));
    peer->send({0xC0, 2});
    EXPECT_TRUE(is("Source", "s \"tuner\""));
    EXPECT_TRUE(volume_is(-30.0)) << "the tuner's max_db";
    peer->cc(1, 9, 127); // the fader without take-over, all the way up
    peer->cc(1, 16, 10);
    barrier();
    EXPECT_EQ(volume(), -30.0) << "MIDI went above the selected input's ceiling";
    EXPECT_EQ(daemon->log().find("<3>"), std::string::npos) << daemon->log();
}

TEST_F(MidiTest, ADBusChangeIsSentBackOnMidiOut) {
    start_midi();
    ASSERT_EQ(set("Volume", "d", "-40").status, 0);
    EXPECT_TRUE(feedback({0xB0, 7, 64})) << "CC 7 at the -40 dB position";
    ASSERT_EQ(set("Mute", "b", "true").status, 0);
    EXPECT_TRUE(feedback({0x90, 1, 127})) << "note 1 lit";
    ASSERT_EQ(set("Source", "s", "phono").status, 0);
    EXPECT_TRUE(feedback({0xC0, 1})) << "program 1 for phono";
    ASSERT_EQ(set("Balance", "d", "-1").status, 0);
    EXPECT_TRUE(feedback({0xB0, 8, 0}));
}

// An xrun is preampd's when its callback overran the period: the longest callback
// (CallbackTime's max, polled through the flood) says whether one could be. On this shared
// machine jackd -d dummy has xruns of its own, with or without preampd.
TEST_F(MidiTest, AFloodOfTenThousandEventsInASecondLosesNoFinalValueAndCausesNoXrun) {
    start_midi();
    const auto count = [](const std::string& t) { return std::stoull(t.substr(2)); };
    const auto xruns_before = count(get("Xruns"));
    const double period_us = 1e6 * jack_period / 48000.0;
    // 48 kHz / 256 frames: 187.5 periods a second; 54 events a period is 10 000 in 0.99 s.
    peer->limit(54);
    for (unsigned i = 0; i < 9999; ++i)
        ASSERT_TRUE(peer->cc(1, 9, i % 128));
    ASSERT_TRUE(peer->cc(1, 9, 100));
    const auto start = std::chrono::steady_clock::now();
    double max_callback_us = 0.0;
    ASSERT_TRUE(poll_until(
        [&] {
            const std::string t = get("CallbackTime"); // "(dd) MEAN MAX"
            max_callback_us = std::max(max_callback_us, std::stod(t.substr(t.rfind(' ') + 1)));
            return peer->idle();
        },
        5s));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 1.5) << "the controller could not send as fast as it should";
    EXPECT_TRUE(volume_is(curve(100))) << volume();
    const auto xruns = count(get("Xruns")) - xruns_before;
    EXPECT_LT(max_callback_us, period_us / 4)
        << "preampd's callback came near the period during the flood";
    EXPECT_EQ(daemon->log().find("events dropped"), std::string::npos) << daemon->log();
    std::printf("midi flood: 10000 events in %.2f s, final volume %.1f dB, longest preampd "
                "callback %.0f us of a %.0f us period, %llu xruns of jackd's meanwhile\n",
                seconds, volume(), max_callback_us, period_us,
                static_cast<unsigned long long>(xruns));
}

TEST_F(MidiTest, MalformedMidiIsIgnoredAndWhatFollowsStillWorks) {
    start_midi();
    ASSERT_EQ(set("Volume", "d", "-50").status, 0);
    peer->send({0xF0, 0x7E, 0x7F, 0x06, 0x01, 0xF7}); // SysEx: identity request
    peer->send({0xB0, 9});                            // truncated
    peer->send({0x09, 0x7F});                         // data without a status
    peer->send({0xF0, 0x01, 9, 127});                 // SysEx without its end
    peer->send({0xF2, 9, 127});                       // song position
    peer->send(Bytes(200, 0xFE));                     // active sensing, a lot
    barrier();
    EXPECT_EQ(volume(), -50.0) << "malformed MIDI changed the volume";
    peer->send({0xB0, 0xF8, 9, 0xFE, 40, 9, 50}); // real-time inside; running status
    EXPECT_TRUE(volume_is(curve(50))) << volume();
    EXPECT_TRUE(running()) << daemon->log();
}

} // namespace
} // namespace preamp::test
