// preampctl against a real preampd on a private bus: every answer cross-checked with
// busctl, its exit codes (0 ok, 1 refused, 2 usage, 3 unreachable), --json, -i.

#include "PollUntil.hpp"
#include "PreampctlTest.hpp"

#include <csignal>
#include <filesystem>
#include <gtest/gtest.h>
#include <sstream>
#include <sys/wait.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

TEST_F(PreampctlTest, VolumeIsSetSteppedAndReadBack) {
    start();
    EXPECT_EQ(ctl({"volume"}).out, "-12 dB\n");

    auto r = ctl({"volume", "-30dB"});
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "-30 dB\n");
    EXPECT_EQ(get("Volume"), "d -30");

    EXPECT_EQ(ctl({"volume", "2dB+"}).out, "-28 dB\n");
    EXPECT_EQ(get("Volume"), "d -28");
    EXPECT_EQ(ctl({"volume", "3dB-"}).out, "-31 dB\n");
    EXPECT_EQ(get("Volume"), "d -31");

    const double step = std::stod(get("VolumeStep").substr(2));
    ASSERT_GT(step, 0.0);
    r = ctl({"volume", "up"});
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_DOUBLE_EQ(std::stod(r.out), -31.0 + step) << r.out;
    r = ctl({"volume", "down"});
    EXPECT_DOUBLE_EQ(std::stod(r.out), -31.0) << r.out;
    EXPECT_EQ(get("Volume"), "d -31");

    EXPECT_EQ(ctl({"volume", "-2"}).out, "-2 dB\n");
    r = ctl({"volume", "5dB+"});
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "0 dB\n") << "relative changes stop at the top";
}

TEST_F(PreampctlTest, ARefusedValueExits1WithTheDaemonsMessageAndChangesNothing) {
    start();
    auto r = ctl({"volume", "3dB"});
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("preampctl: volume 3 dB is out of range: allowed -80 to 0 dB"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(get("Volume"), "d -12");

    r = ctl({"source", "tape"});
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("unknown source \"tape\""), std::string::npos) << r.out;
    EXPECT_EQ(get("Source"), "s \"cd\"");
    EXPECT_TRUE(daemon->alive());
}

TEST_F(PreampctlTest, AUsageErrorExits2) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{}, {"volume", "loud"}, {"frobnicate"}, {"volume", "--jason"}}) {
        const auto r = ctl(args);
        EXPECT_EQ(r.status, 2) << r.out;
        EXPECT_TRUE(r.out.starts_with("preampctl: ")) << r.out;
        EXPECT_NE(r.out.find("Try 'preampctl --help'"), std::string::npos) << r.out;
    }
    const auto help = ctl({"--help"});
    EXPECT_EQ(help.status, 0);
    EXPECT_NE(help.out.find("volume [-20dB | 2dB+"), std::string::npos) << help.out;
    EXPECT_EQ(ctl({"--version"}).status, 0);
}

TEST_F(PreampctlTest, NoDaemonExits3AtOnce) {
    for (const std::vector<std::string>& args : {std::vector<std::string>{"volume"},
                                                 {"--session", "status"},
                                                 {"--system", "mute", "on"}}) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = ctl(args);
        EXPECT_LT(std::chrono::steady_clock::now() - t0, 1500ms);
        EXPECT_EQ(r.status, 3) << r.out;
        EXPECT_NE(r.out.find("cannot reach preampd: org.preampd.Preamp is not on the"),
                  std::string::npos)
            << r.out;
    }
}

TEST_F(PreampctlTest, ADaemonThatDoesNotAnswerExits3WithinASecond) {
    // No probe: a JACK client of the test's own would hang in jack_client_close while
    // another client of the graph is stopped.
    write_config();
    start_daemon();
    ASSERT_TRUE(running());
    ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    daemon->signal(SIGSTOP);
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = ctl({"volume"});
    const auto took = std::chrono::steady_clock::now() - t0;
    daemon->signal(SIGCONT);
    EXPECT_EQ(r.status, 3) << r.out;
    EXPECT_LT(took, 2500ms);
    EXPECT_NE(r.out.find("does not answer"), std::string::npos) << r.out;
}

TEST_F(PreampctlTest, StatusSaysEverything) {
    start();
    const auto r = ctl({"status"});
    EXPECT_EQ(r.status, 0) << r.out;
    for (const char* line :
         {"source       cd\n", "rec source   follow\n", "volume       -12 dB\n",
          "ceiling      0 dB (the top of the range)\n", "bypass       off\n", "mute         off\n",
          "state        running\n", "sample rate  48000 Hz\n", "buffer size  256 frames\n"})
        EXPECT_NE(r.out.find(line), std::string::npos) << line << " in\n" << r.out;
    EXPECT_TRUE(Pattern(R"(\ncallback     \d+\.\d us mean, \d+\.\d us max, of a 5333 us period\n)")
                    .found_in(r.out))
        << r.out;
}

TEST_F(PreampctlTest, StatusWhileWaitingForJackSaysSo) {
    server.stop();
    write_config();
    start_daemon();
    ASSERT_TRUE(daemon->wait_for_log(Pattern("Waiting for JACK"), 3s));
    ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    const auto r = ctl({"status"});
    EXPECT_EQ(r.status, 0) << r.out;
    for (const char* line : {"state        waiting-for-jack\n", "sample rate  -\n",
                             "buffer size  -\n", "callback     -\n"})
        EXPECT_NE(r.out.find(line), std::string::npos) << line << " in\n" << r.out;
}

TEST_F(PreampctlTest, SwitchesSetAndToggle) {
    start();
    EXPECT_EQ(ctl({"mute"}).out, "off\n");
    EXPECT_EQ(ctl({"mute", "toggle"}).out, "on\n");
    EXPECT_EQ(get("Mute"), "b true");
    EXPECT_EQ(ctl({"mute", "toggle"}).out, "off\n");
    EXPECT_EQ(get("Mute"), "b false");
    EXPECT_EQ(ctl({"mute", "on"}).out, "on\n");
    EXPECT_EQ(get("Mute"), "b true");
    EXPECT_EQ(ctl({"dim", "toggle"}).out, "on\n");
    EXPECT_EQ(get("Dim"), "b true");
    EXPECT_EQ(ctl({"loudness", "on"}).out, "on\n");
    EXPECT_EQ(ctl({"direct", "off"}).out, "off\n");
    EXPECT_EQ(get("Loudness") + get("Direct"), "b trueb false");
}

TEST_F(PreampctlTest, SourceAndRecSourceFollow) {
    start();
    EXPECT_EQ(ctl({"source"}).out, "cd\n");
    EXPECT_EQ(ctl({"source", "phono"}).out, "phono\n");
    EXPECT_EQ(get("Source"), "s \"phono\"");
    EXPECT_EQ(ctl({"rec-source"}).out, "follow\n");
    EXPECT_EQ(ctl({"rec-source", "cd"}).out, "cd\n");
    EXPECT_EQ(get("RecSource"), "s \"cd\"");
    EXPECT_EQ(ctl({"rec-source", "follow"}).out, "follow\n");
    EXPECT_EQ(get("RecSource"), "s \"\"");
}

TEST_F(PreampctlTest, ToneAndBalanceStopAtTheLimits) {
    start();
    EXPECT_EQ(ctl({"bass", "+3dB"}).out, "3 dB\n");
    EXPECT_EQ(ctl({"bass", "1.5dB+"}).out, "4.5 dB\n");
    EXPECT_EQ(get("Bass"), "d 4.5");
    EXPECT_EQ(ctl({"bass", "20dB+"}).out, "12 dB\n");
    EXPECT_EQ(ctl({"treble", "30dB-"}).out, "-12 dB\n");
    EXPECT_EQ(get("Treble"), "d -12");
    EXPECT_EQ(ctl({"bass", "13dB"}).status, 1) << "an absolute value out of range is refused";
    EXPECT_EQ(get("Bass"), "d 12");
    EXPECT_EQ(ctl({"balance", "0.75+"}).out, "0.75\n");
    EXPECT_EQ(ctl({"balance", "0.75+"}).out, "1\n");
    EXPECT_EQ(ctl({"balance", "left"}).out, "-1\n");
    EXPECT_EQ(get("Balance"), "d -1");
}

TEST_F(PreampctlTest, LevelsNameEveryOutputPort) {
    start();
    const auto r = ctl({"levels"});
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_TRUE(Pattern("pre_out_L +peak .* dBFS, rms .* dBFS").found_in(r.out)) << r.out;
}

TEST_F(PreampctlTest, AnInstanceIsReachedWithI) {
    write_config();
    start_daemon({"--instance", "zone2"});
    ASSERT_TRUE(bus->wait_for_name("org.preampd.Preamp.zone2", 5s));
    auto r = ctl({"-i", "zone2", "volume", "-20"});
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "-20 dB\n");
    EXPECT_EQ(
        trim(bus->call({"get-property", "org.preampd.Preamp.zone2", kPath, kInterface, "Volume"})
                 .out),
        "d -20");
    r = ctl({"volume"});
    EXPECT_EQ(r.status, 3) << r.out;
    r = ctl({"-i", "zone3", "volume"});
    EXPECT_EQ(r.status, 3) << r.out;
    EXPECT_NE(r.out.find("org.preampd.Preamp.zone3"), std::string::npos) << r.out;
}

TEST_F(PreampctlTest, MonitorPrintsChangesUntilInterrupted) {
    start();
    std::optional<DaemonProcess> running_monitor;
    start_monitor(running_monitor);
    DaemonProcess& monitor = *running_monitor;
    set("Source", "s", "phono");
    set("Mute", "b", "true");
    EXPECT_TRUE(monitor.wait_for_log(Pattern("Source phono\n"), 2s)) << monitor.log();
    EXPECT_TRUE(monitor.wait_for_log(Pattern("Mute on\n"), 2s)) << monitor.log();
    monitor.signal(SIGINT);
    const auto status = monitor.wait_exit(2s);
    ASSERT_TRUE(status.has_value());
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << describe_status(*status);
}

TEST_F(PreampctlTest, LevelsWatchPrintsAJsonObjectPerRoundUntilInterrupted) {
    start();
    ProcessOptions o;
    o.env = bus->env();
    DaemonProcess watch(preampctl_, {"--json", "levels", "--watch"}, o);
    EXPECT_TRUE(watch.wait_for_log(Pattern("(.*\n){3}"), 5s)) << watch.log();
    watch.signal(SIGINT);
    const auto status = watch.wait_exit(2s);
    ASSERT_TRUE(status.has_value());
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << describe_status(*status);
    std::istringstream lines(watch.log());
    int n = 0;
    for (std::string line; std::getline(lines, line); ++n) {
        EXPECT_TRUE(valid_json(line)) << line;
        EXPECT_NE(line.find("\"port\": \"pre_out_L\""), std::string::npos) << line;
    }
    EXPECT_GE(n, 3) << watch.log();
}

TEST_F(PreampctlTest, LevelsWatchExits3WhenTheDaemonGoesAway) {
    start();
    ProcessOptions o;
    o.env = bus->env();
    DaemonProcess watch(preampctl_, {"levels", "--watch"}, o);
    EXPECT_TRUE(watch.wait_for_log(Pattern("pre_out_L peak .* rms .* dBFS"), 5s)) << watch.log();
    daemon->kill();
    const auto status = watch.wait_exit(3s);
    ASSERT_TRUE(status.has_value()) << watch.log();
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 3) << describe_status(*status) << "\n"
                                                                 << watch.log();
}

TEST_F(PreampctlTest, BashCompletionAsksTheDaemonOfTheInstanceForSourceNames) {
    // __FILE__ is relative to the build directory, where meson test runs the test.
    const auto script = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() /
                        "completion" / "preampctl.bash";
    if (!std::filesystem::exists(script)) GTEST_SKIP() << script << " not found";
    write_config();
    start_daemon({"--instance", "zone2"});
    ASSERT_TRUE(bus->wait_for_name("org.preampd.Preamp.zone2", 5s));
    const auto complete = [&](const std::string& words) {
        ProcessOptions o;
        o.env = bus->env();
        DaemonProcess p(
            "bash",
            {"-c",
             "source \"$1\"; COMP_WORDS=($2 ''); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
             "_preampctl \"$0\" '' ''; echo \"[${COMPREPLY[*]}]\"",
             preampctl_, script.string(), words},
            o);
        const auto status = p.wait_exit(5s);
        EXPECT_TRUE(status && WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << p.log();
        return trim(p.log());
    };
    EXPECT_EQ(complete("preampctl -i zone2 rec-source"), "[follow cd phono]");
    EXPECT_EQ(complete("preampctl --instance zone2 source"), "[cd phono]");
    // Options go anywhere: after the command too.
    EXPECT_EQ(complete("preampctl source -i zone2"), "[cd phono]");
    EXPECT_EQ(complete("preampctl rec-source --json --instance zone2 --session"),
              "[follow cd phono]");
    EXPECT_EQ(complete("preampctl --json volume -20dB"), "[]") << "one argument at most";
    EXPECT_EQ(complete("preampctl source"), "[]") << "no daemon of the default instance";
    EXPECT_EQ(complete("preampctl dim"), "[on off toggle]");
}

} // namespace
} // namespace preamp::test
