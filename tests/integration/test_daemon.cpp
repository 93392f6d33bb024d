// preampd as a process on a real jackd -d dummy: ports and metadata, connections, the
// audio it makes, JACK going and coming back, SIGHUP, SIGTERM and its state file.

#include "DaemonFixture.hpp"
#include "DaemonProcess.hpp"
#include "JackClient.hpp"
#include "JackServer.hpp"
#include "Measure.hpp"
#include "NotifySocket.hpp"
#include "PollUntil.hpp"
#include "Probe.hpp"
#include "TempDir.hpp"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <jack/metadata.h>
#include <sstream>
#include <thread>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

TEST_F(DaemonTest, PortsCarryTheirMetadata) {
    write_config();
    open_probe();
    start_daemon();
    ASSERT_TRUE(running());
    const std::vector<std::tuple<std::string, std::string, std::string>> want = {
        {"preamp:cd_L", "CD Player L", "CD Player"},
        {"preamp:cd_R", "CD Player R", "CD Player"},
        {"preamp:phono_L", "Turntable L", "Turntable"},
        {"preamp:phono_R", "Turntable R", "Turntable"},
        {"preamp:rec_out_L", "Rec Out L", "Rec Out"},
        {"preamp:rec_out_R", "Rec Out R", "Rec Out"},
        {"preamp:pre_out_L", "Pre Out L", "Pre Out"},
        {"preamp:pre_out_R", "Pre Out R", "Pre Out"}};
    int order = 0;
    for (const auto& [port, pretty, group] : want) {
        ASSERT_TRUE(probe->wait_for_port(port, 2s)) << port;
        EXPECT_EQ(probe->property(port, JACK_METADATA_PRETTY_NAME), pretty);
        EXPECT_EQ(probe->property(port, JACK_METADATA_PORT_GROUP), group);
        EXPECT_EQ(probe->property(port, JACK_METADATA_ORDER), std::to_string(++order));
        EXPECT_EQ(probe->property_type(port, JACK_METADATA_ORDER),
                  "http://www.w3.org/2001/XMLSchema#integer");
    }
    EXPECT_EQ(probe->ports("^preamp:").size(), want.size()) << "no other ports";
}

TEST_F(DaemonTest, ConnectsAsConfiguredAndWhenAPortAppearsLater) {
    write_config();
    open_probe();
    start_daemon();
    ASSERT_TRUE(running());
    EXPECT_TRUE(probe->wait_for_connection("probe:cd_L", "preamp:cd_L", 2s));
    EXPECT_TRUE(probe->wait_for_connection("probe:cd_R", "preamp:cd_R", 2s));
    EXPECT_TRUE(probe->wait_for_connection("preamp:pre_out_L", "probe:pre_L", 2s));
    EXPECT_TRUE(probe->wait_for_connection("preamp:rec_out_R", "probe:rec_R", 2s));
    // A USB card plugged in later: its port matches phono's regex.
    probe->add_output("late_usb_L");
    EXPECT_TRUE(probe->wait_for_connection("probe:late_usb_L", "preamp:phono_L", 2s));
    EXPECT_TRUE(probe->connections("preamp:phono_R").empty());
}

TEST_F(DaemonTest, RecOutIsTheSourceAndPreOutIsAtTheDefaultVolume) {
    write_config();
    open_probe();
    start_daemon();
    ASSERT_TRUE(running());
    ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_R", "probe:pre_R", 2s));
    play_for(0.1); // past the fade-in
    // An xrun (a slow machine, a sanitized build) drops periods of one output and not the
    // other, which moves the levels: measure again then, up to three times.
    const auto xrun_reports = [&] { return Pattern("JACK xruns").count_in(daemon->log()); };
    for (int attempt = 0; attempt < 3; ++attempt) {
        const std::size_t xruns_before = xrun_reports();
        probe->record(0.5);
        if (attempt < 2 && poll_until([&] { return xrun_reports() > xruns_before; }, 300ms))
            continue;
        break;
    }
    for (const char* side : {"L", "R"}) {
        const auto rec = probe->samples(std::string("rec_") + side);
        const auto pre = probe->samples(std::string("pre_") + side);
        const long long at = locate(rec, 10 * 48000);
        ASSERT_GE(at, 0) << "rec_out is not the source";
        EXPECT_TRUE(runs_on(rec, at, jack_period)) << "rec_out must be bit-exact";
        EXPECT_NEAR(rms_db(pre) - rms_db(rec), -12.0, 0.01) << "volume.default_db";
    }
}

TEST_F(DaemonTest, StartsBeforeJackAndConnectsWhenItArrives) {
    write_config();
    server.stop();
    start_daemon();
    ASSERT_TRUE(daemon->wait_for_log(Pattern("Waiting for JACK"), 5s));
    server.restart();
    EXPECT_TRUE(running(3s)) << "ports within 3 s of JACK's arrival";
    open_probe();
    EXPECT_TRUE(probe->wait_for_connection("probe:cd_L", "preamp:cd_L", 2s));
}

TEST_F(DaemonTest, JackRestartBringsBackPortsAndEveryConnection) {
    write_config();
    open_probe();
    start_daemon();
    ASSERT_TRUE(running());
    ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_L", "probe:pre_L", 2s));
    probe->connect("preamp:rec_out_L", "probe:extra"); // by hand, as in a patchbay
    ASSERT_TRUE(probe->wait_for_connection("preamp:rec_out_L", "probe:extra", 1s));
    play_for(0.2); // preampd hears of the connection

    server.kill();
    ASSERT_TRUE(daemon->wait_for_log(Pattern("JACK server went away"), 3s));
    const auto t0 = std::chrono::steady_clock::now();
    server.restart();
    probe->reopen();
    EXPECT_TRUE(probe->wait_for_port("preamp:cd_L", 3s));
    EXPECT_TRUE(probe->wait_for_connection("probe:cd_L", "preamp:cd_L", 3s));
    EXPECT_TRUE(probe->wait_for_connection("preamp:pre_out_R", "probe:pre_R", 3s));
    EXPECT_TRUE(probe->wait_for_connection("preamp:rec_out_L", "probe:extra", 3s))
        << "the hand-made connection";
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
    EXPECT_TRUE(daemon->alive());
}

TEST_F(DaemonTest, AClientThatTakesTheNameOfOneThatLeftGetsNoneOfItsConnections) {
    write_config();
    open_probe();
    start_daemon();
    ASSERT_TRUE(running());
    const auto recorder = [&] {
        JackClient c = open_jack_client(server.name(), "recorder");
        EXPECT_TRUE(c);
        if (c) {
            jack_port_register(c.get(), "in", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
            jack_activate(c.get());
        }
        return c;
    };
    auto first = recorder();
    ASSERT_TRUE(first);
    probe->connect("preamp:rec_out_L", "recorder:in"); // by hand, as in a patchbay
    ASSERT_TRUE(probe->wait_for_connection("preamp:rec_out_L", "recorder:in", 1s));
    play_for(0.2); // preampd hears of the connection
    first.reset(); // the recorder quits
    play_for(0.3);

    // Another program registers the same port name: JACK gave it no connection, and
    // neither may preampd (it would feed rec_out into whatever that program records).
    const auto second = recorder();
    ASSERT_TRUE(second);
    play_for(0.5);
    const auto peers = probe->connections("recorder:in");
    EXPECT_TRUE(peers.empty()) << peers.front();
    EXPECT_TRUE(daemon->alive());
}

TEST_F(DaemonTest, SighupAddsAnInputWithoutInterruptingTheOthers) {
    write_config();
    open_probe();
    start_daemon();
    ASSERT_TRUE(running());
    ASSERT_TRUE(probe->wait_for_connection("preamp:rec_out_L", "probe:rec_L", 2s));
    play_for(0.1);
    probe->start_recording();
    play_for(0.3);
    write_config({.extra_inputs = ", { name = \"tuner\"; label = \"Tuner\"; }"});
    daemon->signal(SIGHUP);
    ASSERT_TRUE(daemon->wait_for_log(Pattern("Configuration reloaded"), 2s));
    EXPECT_TRUE(probe->wait_for_port("preamp:tuner_L", 2s));
    EXPECT_EQ(probe->property("preamp:tuner_R", JACK_METADATA_PRETTY_NAME), "Tuner R");
    play_for(0.3);
    probe->stop_recording();
    const auto rec = probe->samples("rec_L");
    const auto pre = probe->samples("pre_L");
    const long long at = locate(rec, 20 * 48000);
    ASSERT_GE(at, 0);
    // rec_out runs on, sample for sample, every period of it. While the ports are
    // registered JACK may run the probe and preampd in the other order for a while, which
    // moves the whole stream by one period (measured: in about one run in ten, with or
    // without a loop in the graph); that is JACK's, and preampd cannot see it.
    EXPECT_TRUE(runs_on(rec, at, jack_period)) << "rec_out must run on, sample for sample";
    // pre_out kept its level all through: no gap, no dip.
    const std::size_t from = onset(pre, 0.0f), block = 1024;
    for (std::size_t b = from; b + block <= pre.size(); b += block) {
        const std::vector<float> p(pre.begin() + b, pre.begin() + b + block);
        const std::vector<float> r(rec.begin() + b, rec.begin() + b + block);
        ASSERT_NEAR(rms_db(p) - rms_db(r), -12.0, 0.05) << "at sample " << b;
    }
    EXPECT_TRUE(probe->connections("preamp:cd_L").size() == 1);
}

TEST_F(DaemonTest, SighupWithABrokenConfigKeepsTheRunningOne) {
    write_config();
    open_probe();
    start_daemon();
    ASSERT_TRUE(running());
    std::ofstream(config_path()) << "inputs = ( { name = \"cd\"; } );\nvolum = { };\n";
    daemon->signal(SIGHUP);
    EXPECT_TRUE(daemon->wait_for_log(
        Pattern("Reload refused.*preampd\\.conf:2: unknown setting volum"), 2s));
    EXPECT_TRUE(probe->port_exists("preamp:phono_L"));
    EXPECT_TRUE(daemon->alive());
}

TEST_F(DaemonTest, SigtermSavesTheStateAndAStartRestoresItCapped) {
    write_config({.extra_inputs = "",
                  .volume = "ramp_ms = 5.0; default_db = -30.0; startup_max_db = -20.0;"});
    std::ofstream(state_path()) << "volume_db = -25\nbass_db = 3\nsource = cd\nloudness = true\n";
    open_probe();
    start_daemon();
    ASSERT_TRUE(running());
    daemon->signal(SIGTERM);
    const auto status = daemon->wait_exit(3s);
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(*status, 0) << describe_status(*status);
    const std::string saved = read_file(state_path());
    EXPECT_NE(saved.find("volume_db = -25\n"), std::string::npos) << saved;
    EXPECT_NE(saved.find("bass_db = 3\n"), std::string::npos) << saved;
    EXPECT_NE(saved.find("loudness = true\n"), std::string::npos) << saved;

    // Saved loud: the next start is capped by startup_max_db.
    std::ofstream(state_path()) << "volume_db = -3\nsource = cd\n";
    start_daemon();
    ASSERT_TRUE(running());
    ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_L", "probe:pre_L", 2s));
    play_for(0.1);
    probe->record(0.3);
    EXPECT_NEAR(rms_db(probe->samples("pre_L")) - rms_db(probe->samples("rec_L")), -20.0, 0.01);
    EXPECT_TRUE(daemon->wait_for_log(Pattern("startup_max_db"), 1s));
}

TEST_F(DaemonTest, UnderSystemdItsConfigAndStateAreInTheUnitsDirectories) {
    // What ConfigurationDirectory=preampd and StateDirectory=preampd hand the service:
    // the configuration without a state.file, and no --config on the command line.
    write_config();
    std::string text = read_file(config_path());
    text.erase(text.find("state: {"));
    const std::filesystem::path etc = dir / "etc", var = dir / "var";
    std::filesystem::create_directories(etc);
    std::filesystem::create_directories(var);
    std::ofstream(etc / "preampd.conf") << text;
    extra_env = {"CONFIGURATION_DIRECTORY=" + etc.string(), "STATE_DIRECTORY=" + var.string()};
    open_probe();

    for (const std::string instance : {"", "zone2"}) {
        SCOPED_TRACE("instance \"" + instance + "\"");
        launch_daemon(instance.empty() ? std::vector<std::string>{}
                                       : std::vector<std::string>{"--instance", instance});
        ASSERT_TRUE(running());
        daemon->signal(SIGTERM);
        const auto status = daemon->wait_exit(3s);
        ASSERT_TRUE(status.has_value());
        EXPECT_EQ(*status, 0) << describe_status(*status) << daemon->log();
        const std::string saved =
            read_file(var / (instance.empty() ? "state" : "state-" + instance));
        EXPECT_NE(saved.find("volume_db = -12\n"), std::string::npos) << saved;
    }
    EXPECT_FALSE(std::filesystem::exists(state_path()));
}

TEST_F(DaemonTest, ACorruptStateFileMeansDefaultsAndAWarning) {
    write_config();
    std::ofstream(state_path()) << "volume_db = loud\n\x01\x02 garbage\n";
    open_probe();
    start_daemon();
    ASSERT_TRUE(running());
    EXPECT_TRUE(daemon->wait_for_log(Pattern("warning: Ignoring the saved state: .*state:1"), 1s));
    ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_L", "probe:pre_L", 2s));
    play_for(0.1);
    probe->record(0.3);
    EXPECT_NEAR(rms_db(probe->samples("pre_L")) - rms_db(probe->samples("rec_L")), -12.0, 0.01);
}

TEST_F(DaemonTest, ANonFiniteNumberInTheStateFileMeansDefaultsAndAWarning) {
    write_config();
    std::ofstream(state_path()) << "source = cd\nvolume_db = nan\n";
    open_probe();
    start_daemon();
    ASSERT_TRUE(running()) << "a corrupt state file never stops preampd";
    EXPECT_TRUE(daemon->wait_for_log(
        Pattern("warning: Ignoring the saved state: .*state:2: volume_db = \"nan\""), 1s));
    ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_L", "probe:pre_L", 2s));
    play_for(0.1);
    probe->record(0.3);
    EXPECT_NEAR(rms_db(probe->samples("pre_L")) - rms_db(probe->samples("rec_L")), -12.0, 0.01);
}

TEST_F(DaemonTest, ABadConfigStopsItWithFileAndLine) {
    std::ofstream(config_path())
        << "inputs = ( { name = \"cd\"; } );\nvolume: { default_db = 5.0; };\n";
    start_daemon();
    const auto status = daemon->wait_exit(3s);
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(*status, 1 << 8) << describe_status(*status);
    EXPECT_NE(daemon->log().find("preampd.conf:2: volume.default_db 5 dB is out of range"),
              std::string::npos)
        << daemon->log();

    DaemonProcess check(preampd_, {"--check-config", "--config", config_path()});
    EXPECT_EQ(check.wait_exit(3s), 1 << 8);
    write_config();
    DaemonProcess ok(preampd_, {"--check-config", "--config", config_path()});
    EXPECT_EQ(ok.wait_exit(3s), 0);
    EXPECT_NE(ok.log().find("valid"), std::string::npos);

    // It shows the names an instance takes.
    DaemonProcess zone(preampd_, {"--check-config", "--config", config_path(), "-i", "zone2"});
    EXPECT_EQ(zone.wait_exit(3s), 0);
    EXPECT_NE(zone.log().find("JACK client \"preamp-zone2\""), std::string::npos) << zone.log();
    EXPECT_NE(zone.log().find("state file: " + state_path() + "-zone2\n"), std::string::npos)
        << zone.log();
}

} // namespace
} // namespace preamp::test

namespace preamp::test {
namespace {

TEST_F(DaemonTest, TellsSystemdItIsReadyAndPingsOnlyWhileAudioRuns) {
    NotifySocket systemd;
    extra_env = {systemd.env(), "WATCHDOG_USEC=400000"}; // a ping every 200 ms
    write_config();
    start_daemon();
    const auto ready = systemd.wait_for("READY=1", 3s);
    ASSERT_TRUE(ready.has_value());
    EXPECT_TRUE(systemd.wait_for("STATUS=Running: 2 inputs, 48000 Hz, 256 frames", 2s));
    EXPECT_GE(systemd.count("WATCHDOG=1", 1s), 3) << "pings while the process callback runs";

    server.pause();                     // a hung JACK: the process callback stops
    std::this_thread::sleep_for(300ms); // the server is stopped: no audio time passes
    systemd.drain();                    // pings from before it hung
    EXPECT_EQ(systemd.count("WATCHDOG=1", 1s), 0) << "no pings while it is stuck";
    server.resume();
    EXPECT_GE(systemd.count("WATCHDOG=1", 1s), 2) << "pings again";

    server.kill();
    EXPECT_TRUE(systemd.wait_for("STATUS=Waiting for JACK server", 3s));
    EXPECT_GE(systemd.count("WATCHDOG=1", 1s), 2) << "waiting for JACK is healthy";
}

TEST_F(DaemonTest, FollowsABufferSizeChangeWithoutABreak) {
    const auto bufsize = program_from_env("JACK_BUFSIZE");
    if (!bufsize) GTEST_SKIP() << "jack_bufsize is not installed";
    write_config();
    open_probe();
    start_daemon();
    ASSERT_TRUE(running());
    ASSERT_TRUE(probe->wait_for_connection("preamp:rec_out_L", "probe:rec_L", 2s));
    probe->connect("probe:cd_L", "probe:extra"); // the same trip without preampd
    play_for(0.1);
    probe->start_recording();
    play_for(0.2);
    ProcessOptions o;
    o.jack_server = server.name();
    DaemonProcess change(*bufsize, {"128"}, o);
    ASSERT_EQ(change.wait_exit(3s), 0) << change.log();
    ASSERT_TRUE(poll_until([&] { return probe->buffer_size() == 128; }, 2s));
    play_for(0.3);
    probe->stop_recording();
    const auto rec = probe->samples("rec_L");
    const auto pre = probe->samples("pre_L");
    // The loop through preampd and back is one period long, so the copy's offset
    // changes with the period. JACK itself drops a period at the change (the direct
    // loop probe:cd_L -> probe:extra shows it): preampd may lose no more than that.
    const long long before = locate(rec, 20 * 48000);
    const std::size_t tail = pre.size() - 4800;
    const long long after =
        locate(std::vector<float>(rec.begin() + static_cast<long>(tail), rec.end()), 20 * 48000) -
        static_cast<long long>(tail);
    ASSERT_GE(before, 0);
    const auto source = [](long long at, std::size_t i) {
        return programme(static_cast<std::uint64_t>(at + static_cast<long long>(i)));
    };
    std::size_t broken = 0;
    for (std::size_t i = onset(rec, 0.0f); i < rec.size(); ++i)
        broken += rec[i] != source(before, i) && rec[i] != source(after, i);
    const auto direct = probe->samples("extra");
    const std::size_t dropped_by_jack = static_cast<std::size_t>(
        std::count(direct.begin() + static_cast<long>(onset(direct)), direct.end(), 0.0f));
    EXPECT_LE(broken, dropped_by_jack) << "offsets " << before << " and " << after;
    EXPECT_NEAR(rms_db(pre, tail) - rms_db(rec, tail), -12.0, 0.01);
    EXPECT_TRUE(daemon->alive());
}

} // namespace
} // namespace preamp::test

namespace preamp::test {
namespace {

TEST_F(DaemonTest, SighupRemovingAnInputUnregistersItsPorts) {
    write_config({.extra_inputs = ", { name = \"tuner\"; label = \"Tuner\"; }"});
    open_probe();
    start_daemon();
    ASSERT_TRUE(running());
    ASSERT_TRUE(probe->wait_for_port("preamp:tuner_R", 2s));
    write_config();
    daemon->signal(SIGHUP);
    ASSERT_TRUE(daemon->wait_for_log(Pattern("Configuration reloaded"), 2s));
    // The ports go one after the other: wait for both.
    EXPECT_TRUE(poll_until(
        [&] {
            return !probe->port_exists("preamp:tuner_L") && !probe->port_exists("preamp:tuner_R");
        },
        2s));
    EXPECT_TRUE(probe->port_exists("preamp:phono_L"));
    EXPECT_EQ(probe->connections("preamp:cd_L").size(), 1u);
}

TEST_F(DaemonTest, SigtermFadesPreOutInsteadOfCuttingIt) {
    write_config(
        {.extra_inputs = "", .volume = "ramp_ms = 30.0; default_db = 0.0; startup_max_db = 0.0;"});
    open_probe();
    probe->play("cd_L", Sine{100.0, 0.5}); // a crest every 5 ms: a cut would show
    start_daemon();
    ASSERT_TRUE(running());
    ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_L", "probe:pre_L", 2s));
    play_for(0.1);
    probe->start_recording();
    play_for(0.1);
    daemon->signal(SIGTERM);
    ASSERT_TRUE(daemon->wait_exit(3s).has_value());
    probe->stop_recording();
    const auto pre = probe->samples("pre_L");
    // Once preampd's ports are gone the probe reads silence; before that the 100 Hz tone
    // must have died away over the ramp, never stepping more than the tone itself does.
    const double natural = 0.5 * 2 * M_PI * 100.0 / 48000.0;
    double worst = 0;
    for (std::size_t i = onset(pre, 0.0f) + 1; i < pre.size(); ++i)
        worst = std::max(worst, static_cast<double>(std::fabs(pre[i] - pre[i - 1])));
    EXPECT_LT(worst, natural * 1.1) << "pre_out was cut, not faded";
    const auto last = std::find_if(pre.rbegin(), pre.rend(), [](float x) { return x != 0.0f; });
    ASSERT_NE(last, pre.rend());
    EXPECT_LT(std::fabs(*last), 0.05) << "the last sound before silence was still loud";
}

} // namespace
} // namespace preamp::test
