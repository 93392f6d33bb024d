// core::make_engine_params for bass management, the monitor mix and the speaker sets:
// what each runtime value becomes in the snapshot the RT thread ramps to.

#include "SettingsExpect.hpp"
#include "core/EngineParams.hpp"
#include "core/Settings.hpp"

#include <cmath>
#include <gtest/gtest.h>

using namespace preamp::core;
using preamp::dsp::Biquad;
using preamp::dsp::identity_mix;
using preamp::dsp::MonitorMix;

namespace {

constexpr double kRate = 48000.0;

Config plain() {
    return test::one_input();
}

Config full() {
    return test::with_outputs(
        {{"b", "Nearfields", -6.0, 2.5, {}, false}, {"c", "", 3.0, 0.0, {}, false}});
}

// `m` restricted to its first `n` channels, as rows of numbers.
void expect_mix(const MonitorMix& m, std::initializer_list<std::initializer_list<float>> rows) {
    std::size_t r = 0;
    for (const auto& row : rows) {
        std::size_t c = 0;
        for (const float v : row) {
            EXPECT_EQ(m[r][c], v) << "mix[" << r << "][" << c << "]";
            ++c;
        }
        ++r;
    }
    for (; r < m.size(); ++r)
        EXPECT_EQ(m[r], identity_mix()[r]) << "channels not configured stay the identity";
}

} // namespace

TEST(EngineParamsOutputs, WithoutBassManagementOrSpeakerSetsNothingChangesPreOut) {
    const Settings s(plain());
    const auto p = make_engine_params(s, kRate);
    EXPECT_EQ(p.bass, preamp::dsp::BassParams{});
    EXPECT_EQ(p.bass.sub_gain, 0.0f);
    EXPECT_EQ(p.bass.mains_highpass, 0.0f);
    EXPECT_EQ(p.mix, identity_mix());
    EXPECT_EQ(p.speakers[0].gain, 1.0f);
    EXPECT_EQ(p.speakers[0].delay_frames, 0u);
    EXPECT_EQ(s.config().output_layout(), (preamp::dsp::OutputLayout{0, 1}));
}

TEST(EngineParamsOutputs, BassManagementIsAnLr4PairAtTheCrossover) {
    Settings s(full());
    s.set_crossover(120);
    s.set_sub_level(-6);
    s.set_sub_delay(2.5);
    auto p = make_engine_params(s, kRate);
    EXPECT_EQ(p.bass.lowpass, Biquad::butterworth_lowpass(kRate, 120));
    EXPECT_EQ(p.bass.highpass, Biquad::butterworth_highpass(kRate, 120));
    EXPECT_FLOAT_EQ(p.bass.sub_gain, static_cast<float>(std::pow(10.0, -6.0 / 20.0)));
    EXPECT_EQ(p.bass.mains_highpass, 1.0f);
    EXPECT_EQ(p.bass.sub_delay_frames, 120u) << "2.5 ms at 48 kHz";
    EXPECT_EQ(make_engine_params(s, 44100).bass.sub_delay_frames, 110u)
        << "round(2.5 * 44.1) = round(110.25)";
    s.set_sub_delay(20);
    EXPECT_EQ(make_engine_params(s, 96000).bass.sub_delay_frames, 1920u);
    s.set_sub_delay(0.0104);
    EXPECT_EQ(make_engine_params(s, kRate).bass.sub_delay_frames, 0u) << "0.4992 frames";
    s.set_sub_delay(0.0105);
    EXPECT_EQ(make_engine_params(s, kRate).bass.sub_delay_frames, 1u) << "0.504 frames";

    s.set_sub_polarity(true);
    p = make_engine_params(s, kRate);
    EXPECT_FLOAT_EQ(p.bass.sub_gain, -static_cast<float>(std::pow(10.0, -6.0 / 20.0)));
    s.set_sub_level(0);
    EXPECT_EQ(make_engine_params(s, kRate).bass.sub_gain, -1.0f) << "0 dB is exactly unity";

    s.set_sub_enabled(false);
    p = make_engine_params(s, kRate);
    EXPECT_EQ(p.bass.sub_gain, 0.0f);
    EXPECT_EQ(p.bass.mains_highpass, 0.0f) << "off: the mains are full range again";
    EXPECT_EQ(p.bass.lowpass, Biquad::butterworth_lowpass(kRate, 120)) << "ready to crossfade";
}

TEST(EngineParamsOutputs, MainsHighpassFollowsTheConfig) {
    Config cfg = full();
    cfg.bass_management->mains_highpass = false;
    const Settings s(cfg);
    const auto p = make_engine_params(s, kRate);
    EXPECT_EQ(p.bass.mains_highpass, 0.0f);
    EXPECT_EQ(p.bass.sub_gain, 1.0f);
}

TEST(EngineParamsOutputs, TheCrossoverStaysBelowNyquist) {
    Settings s(full());
    s.set_crossover(250);
    const auto p = make_engine_params(s, 400.0); // a silly rate, but a valid one
    EXPECT_EQ(p.bass.lowpass, Biquad::butterworth_lowpass(400.0, 180.0));
    EXPECT_EQ(p.bass.highpass, Biquad::butterworth_highpass(400.0, 180.0));
}

TEST(EngineParamsOutputs, TheMixIsPolaritySwapMono) {
    Settings s(plain());
    s.set_swap(true);
    expect_mix(make_engine_params(s, kRate).mix, {{0, 1}, {1, 0}});
    s.set_polarity({true, false});
    // The output channel's polarity, after the swap.
    expect_mix(make_engine_params(s, kRate).mix, {{0, -1}, {1, 0}});
    s.set_swap(false);
    expect_mix(make_engine_params(s, kRate).mix, {{-1, 0}, {0, 1}});
    s.set_mono(true);
    expect_mix(make_engine_params(s, kRate).mix, {{-0.5f, -0.5f}, {0.5f, 0.5f}});
    s.set_swap(true);
    expect_mix(make_engine_params(s, kRate).mix, {{-0.5f, -0.5f}, {0.5f, 0.5f}});
    s.set_polarity({false, false});
    s.set_swap(false);
    expect_mix(make_engine_params(s, kRate).mix, {{0.5f, 0.5f}, {0.5f, 0.5f}});
    s.set_mono(false);
    EXPECT_EQ(make_engine_params(s, kRate).mix, identity_mix()) << "all off: the identity";

    Config three = plain();
    three.jack.channels = {"L", "R", "C"};
    Settings t(three);
    t.set_swap(true);
    t.set_polarity({false, false, true});
    expect_mix(make_engine_params(t, kRate).mix, {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}});
    t.set_mono(true);
    const float third = static_cast<float>(1.0 / 3.0);
    expect_mix(make_engine_params(t, kRate).mix,
               {{third, third, third}, {third, third, third}, {-third, -third, -third}});
}

TEST(EngineParamsOutputs, SpeakerSetsGetTheirTrimWhenOnAndTheirDelay) {
    Settings s(full());
    auto p = make_engine_params(s, kRate);
    EXPECT_EQ(p.speakers[0].gain, 1.0f);
    EXPECT_EQ(p.speakers[1].gain, 0.0f);
    EXPECT_EQ(p.speakers[1].delay_frames, 120u) << "2.5 ms, on or off";
    EXPECT_EQ(p.speakers[2].gain, 0.0f);
    EXPECT_EQ(s.config().output_layout(), (preamp::dsp::OutputLayout{1, 3}));

    s.set_speakers({"b", "c"});
    p = make_engine_params(s, kRate);
    EXPECT_EQ(p.speakers[0].gain, 0.0f) << "pre_out off";
    EXPECT_FLOAT_EQ(p.speakers[1].gain, static_cast<float>(std::pow(10.0, -6.0 / 20.0)));
    EXPECT_FLOAT_EQ(p.speakers[2].gain, static_cast<float>(std::pow(10.0, 3.0 / 20.0)));
    EXPECT_EQ(p.speakers[2].delay_frames, 0u);
}
