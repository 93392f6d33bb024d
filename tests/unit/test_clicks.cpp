// The click detector (tests/support/Clicks.hpp) on every change of the pre path: volume,
// source, mute, dim, tone, loudness. Each case also proves the detector fires on the same
// change made abruptly (a 1 ms ramp, or Engine::reset for the fixed-length source
// crossfade), so none of these tests can pass vacuously.

#include "Clicks.hpp"

#include <functional>
#include <gtest/gtest.h>
#include <string>

namespace t = preamp::test;
namespace clicks = preamp::test::clicks;
using clicks::kChange;
using clicks::kLength;
using clicks::kPeriod;
using clicks::measure;
using clicks::programme;
using preamp::core::Settings;

namespace {

using Change = std::function<void(Settings&)>;

enum class Output { pre, rec, both };
using clicks::Abrupt;

// Runs the change smoothly and abruptly; checks the outputs it concerns.
void check(const std::string& what, const Change& setup, const Change& change,
           Output which = Output::pre, Abrupt how = Abrupt::short_ramp) {
    clicks::Case c{what, [&](t::Rig& rig) { setup(rig.settings()); },
                   [&](t::Rig& rig) { change(rig.settings()); }};
    c.outputs.clear();
    if (which != Output::rec) c.outputs.push_back(clicks::Output::pre);
    if (which != Output::pre) c.outputs.push_back(clicks::Output::rec);
    c.abrupt = how;
    EXPECT_EQ(clicks::failures(c), "");
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

TEST(Clicks, LoudnessContourFollowsAVolumeJump) {
    // All four loudness sections change at once (the fitted contour of -25 dB to that of
    // -60 dB) while the volume ramps.
    check(
        "volume -25 -> -60, loudness on",
        [](Settings& s) { s.set_loudness(true), s.set_volume(-25); },
        [](Settings& s) { s.set_volume(-60); });
}

TEST(Clicks, KnobsTurnedEveryPeriod) {
    // Volume and bass move every period, as a listener turning two knobs: no zipper
    // noise. The control run steps the same values with no ramps at all.
    for (bool abrupt : {false, true}) {
        t::Rig rig(t::stereo_config(2), clicks::kFs);
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

// Bass management, the monitor mix and the speaker sets: each switch made through the
// engine's parameters (the control side turns SubEnabled, Mono, ... into these).
namespace {

namespace dsp = preamp::dsp;
using Params = std::function<void(dsp::EngineParams&)>;

// The case's setup and change as parameter edits on top of what Settings make.
void check_params(const std::string& what, const Params& setup, const Params& change,
                  std::vector<clicks::Output> outputs, const dsp::OutputLayout& layout,
                  Abrupt how = Abrupt::short_ramp) {
    clicks::Case c{what,
                   [&](t::Rig& rig) { rig.adjust(setup); },
                   [&](t::Rig& rig) {
                       rig.adjust([&](dsp::EngineParams& p) {
                           setup(p);
                           change(p);
                       });
                   },
                   std::move(outputs),
                   how,
                   layout};
    EXPECT_EQ(clicks::failures(c), "");
}

void crossover(dsp::EngineParams& p, double fc) {
    p.bass.lowpass = dsp::Biquad::butterworth_lowpass(clicks::kFs, fc);
    p.bass.highpass = dsp::Biquad::butterworth_highpass(clicks::kFs, fc);
}

// At 250 Hz: a low-pass at 80 Hz rounds any onset so much that even a 1 ms ramp of the
// sub's gain makes no step the detector could tell from the programme's.
void sub_on(dsp::EngineParams& p) {
    crossover(p, 250);
    p.bass.sub_gain = 1.0f;
    p.bass.mains_highpass = 1.0f;
}

void sub_off(dsp::EngineParams& p) {
    crossover(p, 250);
    p.bass.sub_gain = 0.0f;
    p.bass.mains_highpass = 0.0f;
}

const std::vector<clicks::Output> pre_and_sub{clicks::Output::pre, clicks::Output::sub};
const dsp::OutputLayout one_sub{1, 1};
const dsp::OutputLayout two_subs{2, 1};
const dsp::OutputLayout two_sets{0, 2};

} // namespace

TEST(Clicks, SubOnAndOff) {
    for (const auto& layout : {one_sub, two_subs}) {
        check_params("sub on", sub_off, sub_on, pre_and_sub, layout);
        check_params("sub off", sub_on, sub_off, pre_and_sub, layout);
    }
}

TEST(Clicks, SubPolarityAndLevel) {
    check_params(
        "sub inverted", sub_on, [](dsp::EngineParams& p) { p.bass.sub_gain = -1.0f; },
        {clicks::Output::sub}, one_sub);
    check_params(
        "sub +10 dB", sub_on, [](dsp::EngineParams& p) { p.bass.sub_gain = 3.16f; },
        {clicks::Output::sub}, one_sub);
}

TEST(Clicks, CrossoverChangeAtRuntime) {
    // Abrupt: Engine::reset, the same change with the filter memories cleared.
    check_params(
        "250 -> 80 Hz", sub_on, [](dsp::EngineParams& p) { crossover(p, 80); }, pre_and_sub,
        one_sub, Abrupt::reset);
    check_params(
        "250 -> 40 Hz", sub_on, [](dsp::EngineParams& p) { crossover(p, 40); }, pre_and_sub,
        two_subs, Abrupt::reset);
    const Params at_40 = [](dsp::EngineParams& p) {
        sub_on(p);
        crossover(p, 40);
    };
    check_params(
        "40 -> 250 Hz", at_40, [](dsp::EngineParams& p) { crossover(p, 250); }, pre_and_sub,
        one_sub, Abrupt::reset);
}

TEST(Clicks, Mono) {
    // The two channels are alike, so a 1 ms ramp between them is no click; abrupt is a
    // switch from one period to the next (Engine::reset).
    const Params mono = [](dsp::EngineParams& p) {
        for (unsigned c = 0; c < 2; ++c)
            p.mix[c][0] = p.mix[c][1] = 0.5f;
    };
    check_params(
        "mono on", [](dsp::EngineParams&) {}, mono, {clicks::Output::pre}, {}, Abrupt::reset);
    check_params(
        "mono off", mono, [](dsp::EngineParams& p) { p.mix = dsp::identity_mix(); },
        {clicks::Output::pre}, {}, Abrupt::reset);
}

TEST(Clicks, Swap) {
    check_params(
        "swap", [](dsp::EngineParams&) {},
        [](dsp::EngineParams& p) {
            p.mix[0][0] = p.mix[1][1] = 0.0f;
            p.mix[0][1] = p.mix[1][0] = 1.0f;
        },
        {clicks::Output::pre}, {}, Abrupt::reset);
}

TEST(Clicks, Polarity) {
    check_params(
        "polarity inverted", [](dsp::EngineParams&) {},
        [](dsp::EngineParams& p) { p.mix[0][0] = p.mix[1][1] = -1.0f; }, {clicks::Output::pre}, {});
}

TEST(Clicks, SpeakerSetsOnAndOff) {
    const auto sets = [](float a, float b) {
        return [=](dsp::EngineParams& p) {
            p.speakers[0].gain = a;
            p.speakers[1].gain = b;
        };
    };
    const Params a = sets(1.0f, 0.0f), b = sets(0.0f, 0.8f), a_and_b = sets(1.0f, 0.8f);
    const std::vector<clicks::Output> both{clicks::Output::pre, clicks::Output::speakers};
    check_params("a -> b", a, b, both, two_sets);
    check_params("b -> a", b, a, both, two_sets);
    check_params("a -> a+b", a, a_and_b, {clicks::Output::speakers}, two_sets);
    check_params("a+b -> a", a_and_b, a, {clicks::Output::speakers}, two_sets);
}

TEST(Clicks, DelayChanges) {
    const auto delay = [](std::uint32_t sub, std::uint32_t a, std::uint32_t b) {
        return [=](dsp::EngineParams& p) {
            sub_on(p);
            p.bass.mains_highpass = 0.0f; // the programme is all bass
            p.bass.sub_delay_frames = sub;
            p.speakers[0].delay_frames = a;
            p.speakers[1].delay_frames = b;
        };
    };
    const std::vector<clicks::Output> all{clicks::Output::pre, clicks::Output::sub,
                                          clicks::Output::speakers};
    const dsp::OutputLayout layout{1, 2};
    check_params("20 -> 0 ms", delay(960, 960, 960), delay(0, 0, 0), all, layout);
    check_params("2 -> 18 ms", delay(96, 96, 96), delay(864, 864, 864), all, layout);
    // From 0 the line first fills (20 ms), then crossfades, at a phase of the slow
    // programme where a 1 ms crossfade is no step: abrupt is Engine::reset there.
    check_params("0 -> 20 ms", delay(0, 0, 0), delay(960, 960, 960), all, layout, Abrupt::reset);
}
