// Standby on a real jackd: into it after silence (a short standby.after_s) with pre_out
// faded and rec_out bit-exact throughout, the hooks run with their arguments, woken by a
// signal only after the hold, on_wake and the wake delay, by a volume change but not by
// a tone change, and a hanging hook killed at its timeout, a failing one logged, while
// D-Bus answers.

#include "Measure.hpp"
#include "PollUntil.hpp"
#include "PreampctlTest.hpp"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

constexpr double kRate = 48000.0;

class StandbyTest : public PreampctlTest {
protected:
    /// A hook that writes its arguments, each followed by '|', to file `name` in the
    /// test's directory: ["/bin/sh", "-c", "...", "sh", ARGS...].
    std::string marker_hook(const std::string& name, const std::string& args) const {
        return "[\"/bin/sh\", \"-c\", \"printf '%s|' \\\"$@\\\" > " + dir / name + "\", \"sh\", " +
               args + "]";
    }
    /// preampd with `standby: { SETTINGS }`.
    void start_with(const std::string& settings) {
        extra_settings = "standby: { " + settings + " };\n";
        start();
    }
    bool state_becomes(const std::string& state, std::chrono::milliseconds timeout = 5s) {
        return poll_until([&] { return get("State") == "s \"" + state + "\""; }, timeout);
    }
};

TEST_F(StandbyTest, AfterSilencePreOutFadesTheHooksRunAndRecOutNeverStops) {
    // The programme peaks at -12 dBFS: below a threshold of -1 dBFS it is "silence", so
    // rec_out can be checked against it, sample for sample, through standby and back.
    start_with("after_s = 1.0; threshold_dbfs = -1.0; fade_ms = 50.0; on_standby = " +
               marker_hook("standby", "\"one\", \"two words\"") +
               "; on_wake = " + marker_hook("wake", "\"three\""));
    EXPECT_EQ(get("Standby"), "b false");
    probe->start_recording(); // from here to the end, without a break
    const auto play = [&](double seconds) {
        ASSERT_TRUE(probe->wait_for_periods(
            probe->periods() + static_cast<std::uint64_t>(seconds * kRate / jack_period), 5s));
    };
    ASSERT_TRUE(state_becomes("standby", 5s)) << get("State");
    EXPECT_EQ(get("Standby"), "b true");
    EXPECT_EQ(get("StandbyIn"), "t 0");
    ASSERT_TRUE(poll_until([&] { return read_file(dir / "standby") == "one|two words|"; }, 3s))
        << "on_standby ran with its arguments: " << read_file(dir / "standby");
    play(0.3); // the fade is over: nothing on pre_out
    auto pre = probe->samples("pre_L");
    EXPECT_GT(peak_db(pre), -30.0) << "pre_out played before (-12 dB of the programme's -12)";
    EXPECT_EQ(peak_db(pre, pre.size() - static_cast<std::size_t>(0.2 * kRate)), -INFINITY);

    const auto woken = ctl({"standby", "off"});
    EXPECT_EQ(woken.status, 0) << woken.out;
    ASSERT_TRUE(state_becomes("running")) << get("State");
    EXPECT_TRUE(poll_until([&] { return read_file(dir / "wake") == "three|"; }, 3s))
        << read_file(dir / "wake");
    play(0.3);
    pre = probe->samples("pre_L");
    EXPECT_GT(peak_db(pre, pre.size() - static_cast<std::size_t>(0.2 * kRate)), -30.0)
        << "pre_out plays again";
    EXPECT_TRUE(daemon->wait_for_log(Pattern("Standby: after 1 s of silence"), 1s))
        << daemon->log();

    // rec_out, from before standby to after it: the programme, period for period.
    const auto rec = probe->samples("rec_L");
    EXPECT_TRUE(runs_on(rec, locate(rec, 1 << 22), jack_period));
}

TEST_F(StandbyTest, ASignalWakesItAfterTheHoldTheHookAndTheWakeDelay) {
    start_with("after_s = 1.0; signal_hold_ms = 200.0; wake_delay_ms = 600.0; fade_ms = 10.0;"
               " on_wake = [\"/bin/sh\", \"-c\", \"sleep 0.3; : > " +
               dir / "woke" + "\"];");
    for (const char* port : {"cd_L", "cd_R"})
        probe->silence(port);
    ASSERT_TRUE(state_becomes("standby", 5s)) << get("State");
    probe->record(0.1); // the fade out (10 ms) is over
    for (const char* port : {"cd_L", "cd_R"})
        probe->play(port, Sine{1000.0, 0.5});
    probe->record(2.5); // both start at the next period
    const auto pre = probe->samples("pre_L");
    const double waited = static_cast<double>(onset(pre, 1e-4f)) / kRate;
    EXPECT_GE(waited, 0.2 + 0.3 + 0.6) << "the hold, on_wake and the wake delay, in turn";
    EXPECT_LT(waited, 2.0) << "pre_out came back";
    EXPECT_TRUE(std::filesystem::exists(dir / "woke"));
    EXPECT_EQ(get("State"), "s \"running\"");
    EXPECT_TRUE(daemon->wait_for_log(Pattern("Waking: signal on the selected source"), 1s))
        << daemon->log();
}

TEST_F(StandbyTest, VolumeWakesItButTheTrebleDoesNot) {
    start_with("auto = false; fade_ms = 10.0;");
    EXPECT_EQ(get("StandbyIn"), "t 0") << "no auto-standby";
    ASSERT_EQ(ctl({"standby", "on"}).status, 0);
    ASSERT_TRUE(state_becomes("standby")) << get("State");
    ASSERT_EQ(set("Treble", "d", "3").status, 0);
    probe->record(0.2);
    EXPECT_EQ(get("State"), "s \"standby\"");
    EXPECT_EQ(peak_db(probe->samples("pre_L")), -INFINITY);
    ASSERT_EQ(ctl({"volume", "-20"}).status, 0);
    EXPECT_TRUE(state_becomes("running")) << get("State");
    EXPECT_EQ(get("Standby"), "b false");
}

TEST_F(StandbyTest, AHangingHookIsKilledAtItsTimeoutAndAFailingOneIsLogged) {
    start_with("auto = false; hook_timeout_s = 1.0; on_standby = [\"/bin/sleep\", \"30\"];"
               " on_wake = [\"/bin/false\"];");
    ASSERT_EQ(ctl({"standby", "on"}).status, 0);
    // While the hook hangs, preampd answers and plays on (rec_out).
    EXPECT_EQ(set("Volume", "d", "-20").status, 0) << "and that wakes it: on_wake waits its turn";
    probe->record(0.3);
    EXPECT_GT(peak_db(probe->samples("rec_L")), -20.0);
    EXPECT_TRUE(daemon->wait_for_log(
        Pattern("on_standby: /bin/sleep 30: killed at its timeout of 1000 ms"), 5s))
        << daemon->log();
    EXPECT_TRUE(
        daemon->wait_for_log(Pattern("on_wake: /bin/false: exited with status 1 after"), 3s))
        << daemon->log();
    EXPECT_TRUE(state_becomes("running")) << get("State");
    EXPECT_TRUE(daemon->alive());
}

TEST_F(StandbyTest, StandbyInCountsDownTheSilenceLeft) {
    start_with("after_s = 30.0;");
    for (const char* port : {"cd_L", "cd_R"})
        probe->silence(port);
    probe->record(1.2);
    const std::string left = get("StandbyIn");
    EXPECT_TRUE(left == "t 29" || left == "t 28") << left;
    const auto status = ctl({"status"});
    EXPECT_TRUE(Pattern("standby +off\n").found_in(status.out)) << status.out;
    EXPECT_TRUE(Pattern("standby in +2[89] s of silence\n").found_in(status.out)) << status.out;
}

TEST_F(StandbyTest, AutoSelectSwitchesToAnInputThatStartsPlayingOnlyWhileTheSourceIsSilent) {
    // tv, an auto input, beside cd (selected, playing the programme) and phono.
    ConfigText t;
    t.extra_inputs = ", { name = \"tv\"; auto_select = true;"
                     " connect = [\"probe:tv_L\", \"probe:tv_R\"]; }";
    extra_settings = "standby: { auto = false; signal_hold_ms = 200.0; };\n";
    write_config(t);
    open_probe();
    for (const char* port : {"tv_L", "tv_R"})
        probe->add_output(port);
    start_daemon();
    ASSERT_TRUE(running());
    ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    for (const char* port : {"tv_L", "tv_R"})
        probe->play(port, Sine{1000.0, 0.1});
    probe->record(1.0);
    EXPECT_EQ(get("Source"), "s \"cd\"") << "the CD plays: nothing switches";
    for (const char* port : {"cd_L", "cd_R"})
        probe->silence(port);
    EXPECT_TRUE(poll_until([&] { return get("Source") == "s \"tv\""; }, 3s)) << get("Source");
    EXPECT_TRUE(daemon->wait_for_log(Pattern("Auto-select: tv plays while cd is silent"), 1s))
        << daemon->log();
    for (const char* port : {"cd_L", "cd_R"})
        probe->play(port, programme);
    probe->record(1.0);
    EXPECT_EQ(get("Source"), "s \"tv\"") << "cd is no auto input, and tv plays";
}

} // namespace
} // namespace preamp::test
