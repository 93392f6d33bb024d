// The monitor mix (mono, swap, polarity) and the speaker sets in the engine, and what
// must not change: pre_out bit-exact when none of it is in use, rec_out always, and the
// meters of every new output.

#include "Rig.hpp"
#include "Signals.hpp"

#include <bit>
#include <cmath>
#include <gtest/gtest.h>

namespace t = preamp::test;
namespace dsp = preamp::dsp;
using preamp::core::Config;

namespace {

constexpr double kFs = 48000.0;

// Every source and channel carries its own programme, so a wrong selection or mix shows.
float programme(unsigned s, unsigned c, std::size_t n) {
    return t::distinct_programme(s, c, n, kFs);
}

std::vector<float> input(unsigned s, unsigned c, std::size_t begin, std::size_t n) {
    return t::distinct_programme(s, c, begin, n, kFs);
}

void expect_same(const std::vector<float>& got, const std::vector<float>& want,
                 std::size_t from = 0) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t n = from; n < got.size(); ++n)
        ASSERT_EQ(std::bit_cast<std::uint32_t>(got[n]), std::bit_cast<std::uint32_t>(want[n]))
            << "sample " << n << ": " << got[n] << " vs " << want[n];
}

dsp::MonitorMix mono() {
    dsp::MonitorMix m{};
    m[0][0] = m[0][1] = m[1][0] = m[1][1] = 0.5f;
    return m;
}

dsp::MonitorMix swap() {
    dsp::MonitorMix m = dsp::identity_mix();
    m[0][0] = m[1][1] = 0.0f;
    m[0][1] = m[1][0] = 1.0f;
    return m;
}

dsp::MonitorMix polarity(bool left, bool right) {
    dsp::MonitorMix m = dsp::identity_mix();
    m[0][0] = left ? -1.0f : 1.0f;
    m[1][1] = right ? -1.0f : 1.0f;
    return m;
}

// A stereo rig at 0 dB on source 0 with `outputs`, the mix and sets as `adjust` makes them.
t::Rig unity_rig(const dsp::OutputLayout& outputs = {}) {
    Config cfg = t::stereo_config(1);
    cfg.volume.default_db = 0.0;
    return t::Rig(cfg, kFs, true, outputs);
}

} // namespace

TEST(MonitorMix, MonoGivesTheMeanOnBothSides) {
    auto rig = unity_rig();
    rig.adjust([](dsp::EngineParams& p) { p.mix = mono(); });
    rig.engine().reset(rig.params());
    const auto out = rig.run(9000, programme, 333);
    const auto l = input(0, 0, 0, 9000), r = input(0, 1, 0, 9000);
    std::vector<float> mean(9000);
    for (std::size_t n = 0; n < mean.size(); ++n)
        mean[n] = (l[n] + r[n]) / 2;
    expect_same(out.pre[0], mean);
    expect_same(out.pre[1], mean);
}

TEST(MonitorMix, SwapExchangesTheChannels) {
    auto rig = unity_rig();
    rig.adjust([](dsp::EngineParams& p) { p.mix = swap(); });
    rig.engine().reset(rig.params());
    const auto out = rig.run(9000, programme, 333);
    expect_same(out.pre[0], input(0, 1, 0, 9000));
    expect_same(out.pre[1], input(0, 0, 0, 9000));
}

TEST(MonitorMix, PolarityInvertsOneChannel) {
    auto rig = unity_rig();
    rig.adjust([](dsp::EngineParams& p) { p.mix = polarity(false, true); });
    rig.engine().reset(rig.params());
    const auto out = rig.run(9000, programme, 333);
    auto inverted = input(0, 1, 0, 9000);
    for (float& v : inverted)
        v = -v;
    expect_same(out.pre[0], input(0, 0, 0, 9000));
    expect_same(out.pre[1], inverted);
}

TEST(MonitorMix, MonoForEightChannelsIsTheMeanOfAll) {
    Config cfg = t::stereo_config(1);
    cfg.volume.default_db = 0.0;
    cfg.jack.channels = {"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"};
    t::Rig rig(cfg, kFs);
    rig.adjust([](dsp::EngineParams& p) {
        for (auto& row : p.mix)
            row.fill(1.0f / 8);
    });
    rig.engine().reset(rig.params());
    const auto out = rig.run(4096, programme);
    for (std::size_t n = 0; n < 4096; ++n) {
        double mean = 0;
        for (unsigned c = 0; c < 8; ++c)
            mean += programme(0, c, n) / 8.0;
        for (unsigned c = 0; c < 8; ++c)
            ASSERT_NEAR(out.pre[c][n], mean, 1e-6) << "channel " << c << ", sample " << n;
    }
}

TEST(MonitorMix, ReturnsToBitExactAfterTheIdentityIsBack) {
    auto rig = unity_rig();
    rig.adjust([](dsp::EngineParams& p) { p.mix = mono(); });
    rig.run(4800, programme);
    rig.adjust([](dsp::EngineParams& p) { p.mix = swap(); }); // mid-ramp: a fresh one
    rig.run(500, programme);
    rig.adjust({});
    const auto out = rig.run(4 * rig.ramp_frames(), programme);
    ASSERT_FALSE(rig.engine().settling());
    for (unsigned c = 0; c < 2; ++c)
        expect_same(out.pre[c], input(0, c, 5300, out.pre[c].size()), 2 * rig.ramp_frames());
}

TEST(SpeakerSets, EachCarriesTheMainsTimesItsGain) {
    auto rig = unity_rig({0, 4});
    rig.adjust([](dsp::EngineParams& p) {
        p.mix = swap();
        p.speakers[1].gain = 0.5f;
        p.speakers[2].gain = 0.0f;
        p.speakers[3].gain = 2.0f;
    });
    rig.engine().reset(rig.params());
    const auto out = rig.run(4096, programme, 300);
    ASSERT_EQ(out.speakers.size(), 6u);
    for (unsigned c = 0; c < 2; ++c) {
        const auto mains = input(0, 1 - c, 0, 4096);
        expect_same(out.pre[c], mains);
        for (std::size_t n = 0; n < 4096; ++n) {
            ASSERT_EQ(out.speakers[c][n], 0.5f * mains[n]);
            ASSERT_EQ(std::bit_cast<std::uint32_t>(out.speakers[2 + c][n]), 0u) << "an off set";
            ASSERT_EQ(out.speakers[4 + c][n], 2.0f * mains[n]);
        }
    }
}

TEST(SpeakerSets, ASetSwitchedOffFadesToExactSilenceAndBack) {
    auto rig = unity_rig({0, 2});
    rig.adjust([](dsp::EngineParams& p) { p.speakers[0].gain = 0.0f; }); // A off, B on
    const auto out = rig.run(3 * rig.ramp_frames(), programme, 64);
    EXPECT_GT(t::peak(out.pre[0], 0, 64), 0.01) << "a set must fade, not cut";
    EXPECT_EQ(t::peak(out.pre[0], rig.ramp_frames(), out.pre[0].size()), 0.0);
    expect_same(out.speakers[0], input(0, 0, 0, out.pre[0].size()));
    rig.adjust({});
    const auto back = rig.run(4 * rig.ramp_frames(), programme, 64);
    ASSERT_FALSE(rig.engine().settling());
    expect_same(back.pre[1], input(0, 1, out.pre[0].size(), back.pre[1].size()), rig.ramp_frames());
}

TEST(Outputs, PreOutIsBitExactWithEveryNewPartPresentButUnused) {
    // A sub that is off and no high-pass, the identity mix, set 0 at gain 1 and delay 0.
    auto rig = unity_rig({2, 4});
    rig.adjust([](dsp::EngineParams& p) {
        p.bass.lowpass = dsp::Biquad::butterworth_lowpass(kFs, 80);
        p.bass.highpass = dsp::Biquad::butterworth_highpass(kFs, 80);
        p.speakers[1].delay_frames = 100;
    });
    rig.engine().reset(rig.params());
    const auto out = rig.run(20000, programme, 333);
    for (unsigned c = 0; c < 2; ++c) {
        expect_same(out.pre[c], input(0, c, 0, 20000));
        EXPECT_EQ(t::peak(out.sub[c], 0, 20000), 0.0);
    }
}

TEST(Outputs, PreOutReturnsToBitExactAfterBassManagementAndDelayAreOff) {
    auto rig = unity_rig({1, 1});
    rig.adjust([](dsp::EngineParams& p) {
        p.bass.lowpass = dsp::Biquad::butterworth_lowpass(kFs, 120);
        p.bass.highpass = dsp::Biquad::butterworth_highpass(kFs, 120);
        p.bass.sub_gain = 1.0f;
        p.bass.mains_highpass = 1.0f;
        p.speakers[0].delay_frames = 300;
        p.mix = polarity(true, false);
    });
    rig.run(9600, programme);
    rig.adjust({});
    const auto out = rig.run(6 * rig.ramp_frames(), programme);
    ASSERT_FALSE(rig.engine().settling());
    for (unsigned c = 0; c < 2; ++c)
        expect_same(out.pre[c], input(0, c, 9600, out.pre[c].size()), 3 * rig.ramp_frames());
    EXPECT_EQ(t::peak(out.sub[0], 3 * rig.ramp_frames(), out.sub[0].size()), 0.0);
}

TEST(Outputs, RecOutIsBitExactWhileEverythingSwitches) {
    Config cfg = t::stereo_config(3);
    t::Rig rig(cfg, kFs, true, {2, 4});
    rig.settings().set_source("s1");
    rig.settings().set_rec_source("s2");
    rig.update();
    rig.engine().reset(rig.params());
    const auto out = rig.run(48000, programme, 256, [&](std::size_t n) {
        const std::size_t k = n / 256;
        rig.adjust([k](dsp::EngineParams& p) {
            const double fc = 40.0 + static_cast<double>(k % 5) * 50.0;
            p.bass.lowpass = dsp::Biquad::butterworth_lowpass(kFs, fc);
            p.bass.highpass = dsp::Biquad::butterworth_highpass(kFs, fc);
            p.bass.sub_gain = k % 3 == 0 ? 0.0f : (k % 2 ? -1.0f : 1.5f);
            p.bass.mains_highpass = k % 4 < 2 ? 1.0f : 0.0f;
            p.bass.sub_delay_frames = static_cast<std::uint32_t>(k * 37 % 960);
            p.mix = k % 3 == 0 ? mono() : k % 3 == 1 ? swap() : polarity(true, k % 2);
            for (unsigned s = 0; s < 4; ++s) {
                p.speakers[s].gain = (k + s) % 4 == 0 ? 0.0f : 0.8f;
                p.speakers[s].delay_frames = static_cast<std::uint32_t>((k * 91 + s) % 961);
            }
        });
    });
    for (unsigned c = 0; c < 2; ++c)
        expect_same(out.rec[c], input(2, c, 0, 48000));
}

TEST(Outputs, SubAndSpeakerSetsAreMeteredAfterAllProcessing) {
    auto rig = unity_rig({1, 3});
    rig.adjust([](dsp::EngineParams& p) {
        p.bass.lowpass = dsp::Biquad::butterworth_lowpass(kFs, 80);
        p.bass.highpass = dsp::Biquad::butterworth_highpass(kFs, 80);
        p.bass.sub_gain = -2.0f;
        p.bass.mains_highpass = 1.0f;
        p.bass.sub_delay_frames = 50;
        p.speakers[1].gain = 0.25f;
        p.speakers[2].gain = 1.5f;
        p.speakers[2].delay_frames = 700;
        p.mix = polarity(false, true);
    });
    rig.engine().reset(rig.params());
    const auto loud = t::sine(60, kFs, 0.9);
    const auto out = rig.run(9600, loud);
    const auto& m = rig.engine().meters();
    ASSERT_EQ(m.frames, 9600u);
    const auto check = [&](const preamp::dsp::ChannelMeter& meter, const std::vector<float>& y,
                           const char* what) {
        EXPECT_EQ(meter.peak, static_cast<float>(t::peak(y, 0, y.size()))) << what;
        const double ss = std::pow(t::rms(y, 0, y.size()), 2) * static_cast<double>(y.size());
        EXPECT_NEAR(meter.sum_squares, ss, 1e-3 * ss) << what;
        EXPECT_GT(meter.peak, 0.01f) << what;
    };
    check(m.sub[0], out.sub[0], "sub_out");
    EXPECT_GT(m.sub[0].clips, 0u) << "sub_out at +6 dB clips";
    for (unsigned c = 0; c < 2; ++c) {
        check(m.pre[c], out.pre[c], "pre_out");
        check(m.speakers[c], out.speakers[c], "set 1");
        check(m.speakers[preamp::dsp::kMaxChannels + c], out.speakers[2 + c], "set 2");
    }
}
