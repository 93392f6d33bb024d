// Source-aware levels on the real daemon and a real jackd: remembered volumes across a
// switch and a restart (capped at start), each input's ceiling on every path (D-Bus
// Volume and StepVolume, preampctl, a louder state file), the bypass input's locked
// volume, and a switch that never plays a source above its own gain for a period.

#include "Measure.hpp"
#include "PollUntil.hpp"
#include "PreampctlTest.hpp"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <fstream>
#include <gtest/gtest.h>
#include <string>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

/// The inputs of these tests, each from the probe's ports of the same name: cd (follows),
/// tuner (remembers), phono (follows, ceiling -40 dB), ht (a home-theatre bypass, trim
/// +6 dB that it ignores).
class LevelsTest : public PreampctlTest {
protected:
    static constexpr const char* kVolume =
        "ramp_ms = 30.0; default_db = -12.0; startup_max_db = -6.0;";
    /// The config of these inputs, `cd` added to cd's settings.
    void write_levels(const std::string& volume = kVolume, const std::string& cd = "") const {
        const auto in = [](const char* name, const char* more) {
            return std::string("{ name = \"") + name + "\"; connect = [\"probe:" + name +
                   "_L\", \"probe:" + name + "_R\"]; " + more + " }";
        };
        std::ofstream(config_path())
            << "inputs = ( " << in("cd", cd.c_str()) << ",\n  "
            << in("tuner", "volume = \"remember\";") << ",\n  " << in("phono", "max_db = -40.0;")
            << ",\n  " << in("ht", "bypass = true; trim_db = 6.0; label = \"Home Theatre\";")
            << " );\n"
            << "outputs: { pre_out = { connect = [\"probe:pre_L\", \"probe:pre_R\"]; };\n"
               "           rec_out = { connect = [\"probe:rec_L\", \"probe:rec_R\"]; }; };\n"
               "volume: { "
            << volume << " };\nstate: { file = \"" << state_path() << "\"; };\n";
    }
    void start_levels(const std::string& volume) {
        write_levels(volume);
        open_probe();
        for (const char* p : {"tuner_L", "tuner_R", "phono_L", "phono_R", "ht_L", "ht_R"})
            probe->add_output(p);
        start_daemon();
        ASSERT_TRUE(running());
        ASSERT_TRUE(bus->wait_for_name(kName, 3s));
        ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_L", "probe:pre_L", 2s));
    }
    void start_levels() { start_levels(kVolume); }
    PrivateBus::Result step(double delta) {
        return bus->call(
            {"call", "--", kName, kPath, kInterface, "StepVolume", "d", std::to_string(delta)});
    }
    /// Stops preampd with SIGTERM (it saves its state), then, with `state` (unless empty)
    /// as its state file, starts it again.
    void restart(const std::string& state = "") {
        daemon->signal(SIGTERM);
        ASSERT_TRUE(daemon->wait_exit(3s).has_value());
        if (!state.empty()) std::ofstream(state_path()) << state;
        start_daemon();
        ASSERT_TRUE(running());
        ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    }
    /// pre_L recorded while `during` runs and for `seconds` after it.
    std::vector<float> pre_while(const std::function<void()>& during, double seconds) {
        probe->start_recording();
        const std::uint64_t from = probe->periods();
        during();
        const auto periods = static_cast<std::uint64_t>(seconds * 48000.0 / jack_period) + 1;
        EXPECT_TRUE(probe->wait_for_periods(probe->periods() + periods, 5s));
        probe->stop_recording();
        EXPECT_GT(probe->periods(), from);
        return probe->samples("pre_L");
    }
};

double peak(const std::vector<float>& x, std::size_t from, std::size_t to) {
    float p = 0.0f;
    for (std::size_t i = from; i < to && i < x.size(); ++i)
        p = std::max(p, std::fabs(x[i]));
    return p;
}

TEST_F(LevelsTest, ARememberedVolumeComesBackAcrossASwitchAndARestartCapped) {
    start_levels();
    DaemonProcess& monitor = monitor_changes();
    ASSERT_EQ(set("Volume", "d", "-20").status, 0);
    ASSERT_EQ(set("Source", "s", "tuner").status, 0);
    EXPECT_EQ(get("Volume"), "d -12") << "never used: volume.default_db";
    // One PropertiesChanged says both: the source and its volume.
    EXPECT_TRUE(monitor.wait_for_log(
        Pattern("string \"Source\"\\s+variant\\s+string \"tuner\"((?!signal time)[^])*"
                "string \"Volume\"\\s+variant\\s+double -12"),
        2s))
        << monitor.log();
    ASSERT_EQ(set("Volume", "d", "-8").status, 0);
    ASSERT_EQ(set("Source", "s", "cd").status, 0);
    EXPECT_EQ(get("Volume"), "d -20") << "the common volume";
    ASSERT_EQ(set("Source", "s", "tuner").status, 0);
    EXPECT_EQ(get("Volume"), "d -8") << "the tuner's own";
    ASSERT_EQ(set("Source", "s", "phono").status, 0);
    EXPECT_EQ(get("Volume"), "d -40") << "the common -20 lowered to phono's ceiling";
    ASSERT_EQ(set("Source", "s", "tuner").status, 0);

    restart();
    EXPECT_EQ(get("Source"), "s \"tuner\"");
    EXPECT_EQ(get("Volume"), "d -8") << "below startup_max_db: as saved";
    const std::string saved = read_file(state_path());
    EXPECT_NE(saved.find("volume_db.tuner = -8\n"), std::string::npos) << saved;
    EXPECT_NE(saved.find("common_volume_db = -40\n"), std::string::npos) << saved;

    // Saved loud, every one: each comes back at most startup_max_db (-6 dB).
    restart("volume_db = -1\ncommon_volume_db = -1\nvolume_db.tuner = -2\nsource = cd\n");
    EXPECT_EQ(get("Volume"), "d -6");
    ASSERT_EQ(set("Source", "s", "tuner").status, 0);
    EXPECT_EQ(get("Volume"), "d -6") << "the tuner's remembered -2 dB is capped too";
    EXPECT_TRUE(
        daemon->wait_for_log(Pattern("Input tuner comes back at volume.startup_max_db"), 1s));
}

TEST_F(LevelsTest, TheCeilingHoldsOnDbusPreampctlAndAStateFile) {
    start_levels("ramp_ms = 5.0; default_db = -12.0; startup_max_db = 0.0;");
    ASSERT_EQ(set("Source", "s", "phono").status, 0);
    EXPECT_EQ(get("Volume"), "d -40");
    EXPECT_EQ(get("VolumeCeiling"), "d -40");
    EXPECT_EQ(get("VolumeRange"), "(dd) -80 0") << "VolumeRange stays the global range";
    const auto refused = set("Volume", "d", "-30");
    EXPECT_NE(refused.status, 0);
    EXPECT_NE(refused.out.find("volume -30 dB is above the ceiling of input \"phono\" (phono), "
                               "its max_db -40 dB: allowed -80 to -40 dB"),
              std::string::npos)
        << refused.out;
    EXPECT_EQ(get("Volume"), "d -40") << "refused: unchanged";
    EXPECT_EQ(trim(step(5).out), "d -40") << "a step stops at the ceiling";
    EXPECT_EQ(trim(step(-3).out), "d -43");

    auto r = ctl({"volume", "-10dB"});
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("allowed -80 to -40 dB"), std::string::npos) << r.out;
    r = ctl({"volume", "6dB+"});
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(trim(r.out), "-40 dB");
    r = ctl({"status"});
    EXPECT_NE(r.out.find("\nceiling      -40 dB (this input's max_db)\n"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("\nbypass       off\n"), std::string::npos) << r.out;
    r = ctl({"--json", "status"});
    EXPECT_NE(r.out.find("\"volume_ceiling_db\": -40.0, "), std::string::npos) << r.out;

    // A state file that holds a louder volume for phono: fitted to the ceiling, and the
    // level on pre_out is the ceiling's.
    restart("volume_db = -3\nsource = phono\n");
    EXPECT_EQ(get("Volume"), "d -40");
    probe->play("phono_L", programme);
    ASSERT_TRUE(poll_until([&] { return rms_db(probe->capture("pre_L", 0.1)) > -200; }, 2s));
    probe->record(0.3);
    EXPECT_NEAR(rms_db(probe->samples("pre_L"), 4800) - rms_db(probe->samples("rec_L"), 4800),
                -40.0, 0.01);
}

TEST_F(LevelsTest, AReloadWithANewCeilingLowersTheVolumeToIt) {
    start_levels();
    EXPECT_EQ(get("Volume"), "d -12");
    EXPECT_EQ(get("VolumeCeiling"), "d 0");
    write_levels(kVolume, "max_db = -30.0;");
    const auto r = bus->call({"call", "--", kName, kPath, kInterface, "Reload"});
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(get("VolumeCeiling"), "d -30");
    EXPECT_EQ(get("Volume"), "d -30");
    EXPECT_NE(set("Volume", "d", "-29").status, 0);
}

TEST_F(LevelsTest, ABypassInputLocksTheVolumeAtUnityAndStillMutes) {
    start_levels();
    ASSERT_EQ(set("Volume", "d", "-20").status, 0);
    ASSERT_EQ(set("Bass", "d", "6").status, 0);
    ASSERT_EQ(set("Balance", "d", "0.5").status, 0);
    ASSERT_EQ(set("Source", "s", "ht").status, 0);
    EXPECT_EQ(get("Bypass"), "b true");
    const std::string message = "the volume is fixed at 0 dB: input \"ht\" (Home Theatre) is a "
                                "bypass input (its own processor sets the level); select "
                                "another input to use the volume control";
    const auto refused = set("Volume", "d", "-30");
    EXPECT_NE(refused.status, 0);
    EXPECT_NE(refused.out.find(message), std::string::npos) << refused.out;
    const auto stepped = step(1);
    EXPECT_NE(stepped.status, 0);
    EXPECT_NE(stepped.out.find(message), std::string::npos) << stepped.out;
    auto r = ctl({"volume", "up"});
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find(message), std::string::npos) << r.out;
    r = ctl({"status"});
    EXPECT_NE(r.out.find("\nbypass       on: unity gain, the volume fixed at 0 dB"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(get("Volume"), "d -20") << "the common volume, for when another input comes";

    // Unity: pre_out is the input, no trim (+6), volume (-20), bass or balance.
    probe->play("ht_L", programme);
    probe->play("ht_R", programme);
    ASSERT_TRUE(poll_until([&] { return rms_db(probe->capture("pre_L", 0.1)) > -200; }, 2s));
    probe->record(0.3);
    for (const char* side : {"L", "R"}) {
        SCOPED_TRACE(side);
        EXPECT_NEAR(rms_db(probe->samples(std::string("pre_") + side), 4800) -
                        rms_db(probe->samples(std::string("rec_") + side), 4800),
                    0.0, 0.01);
    }
    ASSERT_EQ(set("Mute", "b", "true").status, 0) << "a user can always mute";
    EXPECT_TRUE(
        poll_until([&] { return peak_db(probe->capture("pre_L", 0.05)) == -INFINITY; }, 2s));
    ASSERT_EQ(set("Source", "s", "cd").status, 0);
    EXPECT_EQ(get("Bypass"), "b false");
    EXPECT_EQ(set("Volume", "d", "-25").status, 0) << "the volume control is back";
}

// The switch test of the issue: from a loud input (cd at 0 dB, silent here so that
// pre_out carries only phono) to phono under its -40 dB ceiling and back. Without the
// order (down first, then switch; switch first, then up), phono is heard at cd's gain
// for the length of the ramp.
TEST_F(LevelsTest, ASwitchNeverPlaysTheQuietInputAboveItsCeiling) {
    start_levels("ramp_ms = 30.0; default_db = 0.0; startup_max_db = 0.0;");
    probe->silence("cd_L");
    probe->silence("cd_R");
    const double amplitude = 0.5;
    probe->play("phono_L", Sine{1000.0, amplitude});
    EXPECT_EQ(get("Volume"), "d 0");
    const double ceiling = amplitude * std::pow(10.0, -40.0 / 20.0);
    const auto check = [&](const std::vector<float>& pre, const char* what) {
        ASSERT_GT(pre.size(), 48000u / 10) << what;
        std::size_t worst_period = 0;
        double worst = 0.0;
        std::string profile; // dB re the sine, period by period
        for (std::size_t at = 0; at < pre.size(); at += jack_period) {
            const double p = peak(pre, at, at + jack_period);
            if (p > worst) worst = p, worst_period = at / jack_period;
            if (at / jack_period < 24)
                profile += (p > 0 ? std::to_string(std::lround(20.0 * std::log10(p / amplitude)))
                                  : std::string("-inf")) +
                           " ";
        }
        EXPECT_LE(worst, ceiling * 1.001)
            << what << ": period " << worst_period << " peaks at "
            << 20.0 * std::log10(worst / amplitude) << " dB, above phono's ceiling (-40 dB); "
            << "the first periods (dB): " << profile;
    };
    for (int round = 0; round < 3; ++round) {
        SCOPED_TRACE(round);
        check(pre_while([&] { ASSERT_EQ(set("Source", "s", "phono").status, 0); }, 0.2),
              "to phono");
        EXPECT_EQ(get("Volume"), "d -40");
        ASSERT_EQ(set("Volume", "d", "-40").status, 0);
        // Back to cd at 0 dB: phono must fade out at its own gain before cd's comes.
        check(pre_while(
                  [&] {
                      ASSERT_EQ(set("Source", "s", "cd").status, 0);
                      ASSERT_EQ(set("Volume", "d", "0").status, 0);
                  },
                  0.2),
              "back to cd");
    }
}

} // namespace
} // namespace preamp::test
