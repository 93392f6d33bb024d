// The click detector: after every kind of change, no sample-to-sample step may exceed
// what the programme itself does plus what a ramp of ramp_ms (or the 20 ms source
// crossfade) allows. Each case also proves the detector fires on the same change made
// abruptly (a 1 ms ramp, or Engine::reset for the fixed-length source crossfade), so
// none of these tests can pass vacuously.

#include "Rig.hpp"

#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <numbers>
#include <string>

namespace t = preamp::test;
using preamp::core::Settings;

namespace {

constexpr double kFs = 48000.0;
constexpr std::size_t kPeriod = 100;
constexpr std::size_t kChange = 9900;
constexpr std::size_t kLength = kChange + 9600;
constexpr double kFmax = 27.0;

// An offset plus a slow tone: the programme's own steps are tiny, so a step of any
// consequence is the change's. Source 1 differs in level, offset and frequency.
float programme(unsigned s, unsigned c, std::size_t n) {
    const double f = s == 0 ? 20.0 : 27.0;
    const double a = s == 0 ? 0.2 : 0.15;
    const double dc = s == 0 ? 0.3 : -0.25;
    return static_cast<float>(dc + a * std::sin(2 * std::numbers::pi * f * n / kFs + 0.3 * c + s));
}

struct Outcome {
    double step;  // largest step around the change
    double bound; // what the ramps allow
};

Outcome measure(const std::vector<float>& y, std::size_t ramp) {
    const double before = t::peak(y, kChange - 2400, kChange);
    const double after = t::peak(y, kLength - 4800, kLength);
    const double all = t::peak(y, kChange - 2400, kLength);
    const double natural = all * 2 * std::sin(std::numbers::pi * kFmax / kFs);
    const double ramp_min = std::min<double>(ramp, 0.020 * kFs);
    const double bound = natural + (before + after) * (std::numbers::pi / 2) / ramp_min + 1e-6;
    return {t::max_step(y, kChange - 2400, kLength), bound};
}

using Change = std::function<void(Settings&)>;

enum class Output { pre, rec, both };
enum class Abrupt { short_ramp, reset };

// Runs the change smoothly and abruptly; checks the outputs it concerns.
void check(const std::string& what, const Change& setup, const Change& change,
           Output which = Output::pre, Abrupt how = Abrupt::short_ramp) {
    for (bool abrupt : {false, true}) {
        auto cfg = t::stereo_config(2);
        if (abrupt && how == Abrupt::short_ramp) cfg.volume.ramp_ms = 1;
        t::Rig rig(cfg, kFs);
        const std::size_t ramp = static_cast<std::size_t>(0.030 * kFs);
        rig.settings().set_volume(0);
        setup(rig.settings());
        rig.update();
        rig.engine().reset(rig.params());
        const auto out = rig.run(kLength, programme, kPeriod, [&](std::size_t n) {
            if (n != kChange) return;
            change(rig.settings());
            rig.update();
            if (abrupt && how == Abrupt::reset) rig.engine().reset(rig.params());
        });
        for (unsigned c = 0; c < 2; ++c) {
            std::vector<const std::vector<float>*> outputs;
            if (which != Output::rec) outputs.push_back(&out.pre[c]);
            if (which != Output::pre) outputs.push_back(&out.rec[c]);
            for (const auto* y : outputs) {
                const auto o = measure(*y, ramp);
                if (abrupt)
                    EXPECT_GT(o.step, o.bound)
                        << what << ": the detector must catch an abrupt change";
                else
                    EXPECT_LE(o.step, o.bound) << what << ": click on channel " << c;
            }
        }
    }
}

const Change nothing = [](Settings&) {};

} // namespace

TEST(Clicks, VolumeFromBottomToFull) {
    check(
        "-80 -> 0 dB", [](Settings& s) { s.set_volume(-80); },
        [](Settings& s) { s.set_volume(0); });
}

TEST(Clicks, VolumeFromFullToBottom) {
    check("0 -> -80 dB", nothing, [](Settings& s) { s.set_volume(-80); });
}

TEST(Clicks, SourceSwitch) {
    check(
        "s0 -> s1", nothing, [](Settings& s) { s.set_source("s1"); }, Output::both, Abrupt::reset);
}

TEST(Clicks, RecSourceSwitch) {
    check(
        "rec s0 -> s1", nothing, [](Settings& s) { s.set_rec_source("s1"); }, Output::rec,
        Abrupt::reset);
}

TEST(Clicks, Mute) {
    check("mute", nothing, [](Settings& s) { s.set_mute(true); });
    check(
        "unmute", [](Settings& s) { s.set_mute(true); }, [](Settings& s) { s.set_mute(false); });
}

TEST(Clicks, Dim) {
    check("dim", nothing, [](Settings& s) { s.set_dim(true); });
    check(
        "undim", [](Settings& s) { s.set_dim(true); }, [](Settings& s) { s.set_dim(false); });
}

TEST(Clicks, DirectToggle) {
    const Change coloured = [](Settings& s) {
        s.set_bass(12);
        s.set_treble(-6);
        s.set_balance(0.7);
        s.set_volume(-6);
    };
    check("direct on", coloured, [](Settings& s) { s.set_direct(true); });
    check(
        "direct off", [&](Settings& s) { coloured(s), s.set_direct(true); },
        [](Settings& s) { s.set_direct(false); });
}

TEST(Clicks, ToneJumps) {
    check("bass 0 -> +12", nothing, [](Settings& s) { s.set_bass(12); });
    check(
        "bass -12 -> +12", [](Settings& s) { s.set_bass(-12); },
        [](Settings& s) { s.set_bass(12); });
    check(
        "bass +12 -> 0", [](Settings& s) { s.set_bass(12); }, [](Settings& s) { s.set_bass(0); });
}

TEST(Clicks, LoudnessToggleAtLowVolume) {
    check(
        "loudness on", [](Settings& s) { s.set_volume(-50); },
        [](Settings& s) { s.set_loudness(true); });
}

TEST(Clicks, KnobsTurnedEveryPeriod) {
    // Volume and bass move every period, as a listener turning two knobs: no zipper
    // noise. The control run steps the same values with no ramps at all.
    for (bool abrupt : {false, true}) {
        t::Rig rig(t::stereo_config(2), kFs);
        rig.settings().set_volume(-40);
        rig.update();
        rig.engine().reset(rig.params());
        const auto out = rig.run(kLength, programme, kPeriod, [&](std::size_t n) {
            if (n < kChange || n >= kChange + 40 * kPeriod) return;
            rig.settings().step_volume(1.0);
            rig.settings().set_bass(rig.settings().state().bass_db + 0.3);
            rig.update();
            if (abrupt) rig.engine().reset(rig.params());
        });
        const auto o = measure(out.pre[0], rig.ramp_frames());
        if (abrupt)
            EXPECT_GT(o.step, o.bound) << "the detector must hear unramped steps";
        else
            EXPECT_LE(o.step, o.bound) << "zipper noise";
    }
}
