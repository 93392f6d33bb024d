// The engine's signal flow: bit-exact paths, exact gains, silence, NaN and denormals.

#include "Rig.hpp"
#include "Signals.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <numbers>

namespace t = preamp::test;
using preamp::core::Config;
using preamp::core::Settings;

namespace {

constexpr double kFs = 48000.0;

// Every source and channel carries its own programme, so a wrong selection shows.
float programme(unsigned s, unsigned c, std::size_t n) {
    return t::distinct_programme(s, c, n, kFs);
}

// Sets every pre-path value a listener can touch to something non-neutral.
void colour(Settings& s) {
    s.set_volume(-17.3);
    s.set_bass(8.5);
    s.set_treble(-4);
    s.set_balance(0.3);
    s.set_loudness(true);
    s.set_dim(true);
}

void expect_same(const std::vector<float>& got, const std::vector<float>& want,
                 std::size_t from = 0) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t n = from; n < got.size(); ++n)
        ASSERT_EQ(std::bit_cast<std::uint32_t>(got[n]), std::bit_cast<std::uint32_t>(want[n]))
            << "sample " << n << ": " << got[n] << " vs " << want[n];
}

std::vector<float> input(unsigned s, unsigned c, std::size_t begin, std::size_t n) {
    return t::distinct_programme(s, c, begin, n, kFs);
}

double gain_db(const std::vector<float>& out, unsigned s, unsigned c, std::size_t from) {
    const auto in = input(s, c, 0, out.size());
    return t::db(t::rms(out, from, out.size()) / t::rms(in, from, in.size()));
}

} // namespace

TEST(Engine, RecOutIsBitExactUnderEveryPreSetting) {
    t::Rig rig(t::stereo_config(3), kFs);
    rig.settings().set_source("s1");
    colour(rig.settings());
    rig.update();
    rig.engine().reset(rig.params());
    const auto out = rig.run(48000, programme, 256, [&](std::size_t n) {
        // Keep turning pre-path knobs while rec_out is checked.
        rig.settings().set_volume(-40.0 + (n / 256 % 30));
        rig.settings().set_bass(static_cast<double>(n / 256 % 24) - 12);
        rig.settings().set_mute(n / 256 % 7 == 0);
        rig.settings().set_direct(n / 256 % 11 == 0);
        rig.update();
    });
    for (unsigned c = 0; c < 2; ++c)
        expect_same(out.rec[c], input(1, c, 0, 48000));
}

TEST(Engine, RecSourceCanDifferFromTheSelectedSource) {
    t::Rig rig(t::stereo_config(3), kFs);
    rig.settings().set_source("s0");
    rig.settings().set_rec_source("s2");
    rig.update();
    rig.engine().reset(rig.params());
    const auto out = rig.run(4096, programme);
    for (unsigned c = 0; c < 2; ++c)
        expect_same(out.rec[c], input(2, c, 0, 4096));
}

TEST(Engine, NeutralPrePathIsBitExactWithDirectOnAndOff) {
    for (bool direct : {false, true}) {
        Config cfg = t::stereo_config(2);
        cfg.volume.default_db = 0.0;
        t::Rig rig(cfg, kFs);
        rig.settings().set_source("s1");
        rig.settings().set_direct(direct);
        rig.update();
        rig.engine().reset(rig.params());
        const auto out = rig.run(20000, programme, 333);
        for (unsigned c = 0; c < 2; ++c)
            expect_same(out.pre[c], input(1, c, 0, 20000));
    }
}

TEST(Engine, PrePathReturnsToBitExactAfterToneIsFlattened) {
    Config cfg = t::stereo_config(1);
    cfg.volume.default_db = 0.0;
    t::Rig rig(cfg, kFs);
    rig.settings().set_bass(6);
    rig.settings().set_balance(-0.5);
    rig.update();
    rig.run(10000, programme);
    rig.settings().set_bass(0);
    rig.settings().set_balance(0);
    rig.update();
    const auto out = rig.run(4 * rig.ramp_frames(), programme);
    ASSERT_FALSE(rig.engine().settling());
    for (unsigned c = 0; c < 2; ++c)
        expect_same(out.pre[c], input(0, c, 10000, out.pre[c].size()), 2 * rig.ramp_frames());
}

TEST(Engine, SilenceStaysSilence) {
    t::Rig rig(t::stereo_config(2), kFs);
    colour(rig.settings());
    rig.update();
    const auto out = rig.run(20000, [](unsigned, unsigned, std::size_t) { return 0.0f; });
    for (unsigned c = 0; c < 2; ++c) {
        for (float v : out.pre[c])
            ASSERT_EQ(std::bit_cast<std::uint32_t>(v), 0u);
        for (float v : out.rec[c])
            ASSERT_EQ(std::bit_cast<std::uint32_t>(v), 0u);
    }
}

TEST(Engine, MuteReachesSilenceWithinTheRamp) {
    t::Rig rig(t::stereo_config(1), kFs);
    rig.run(4800, programme);
    rig.settings().set_mute(true);
    rig.update();
    const std::size_t ramp = rig.ramp_frames();
    ASSERT_EQ(ramp, 1440u) << "30 ms at 48 kHz";
    const auto out = rig.run(ramp + 4800, programme, 64);
    for (unsigned c = 0; c < 2; ++c) {
        EXPECT_GT(t::peak(out.pre[c], 0, 64), 0.001) << "mute must ramp, not cut";
        EXPECT_EQ(t::peak(out.pre[c], ramp, out.pre[c].size()), 0.0);
    }
}

TEST(Engine, TrimBalanceDimAndVolumeGainsAreExact) {
    Config cfg = t::stereo_config(2);
    cfg.inputs[1].trim_db = 4.5;
    cfg.volume.dim_db = -17.0;
    t::Rig rig(cfg, kFs);
    auto& s = rig.settings();
    s.set_source("s1");
    s.set_volume(-12.25);
    s.set_balance(0.4); // left attenuated to 0.6
    s.set_dim(true);
    rig.update();
    rig.engine().reset(rig.params());
    const auto out = rig.run(24000, programme);
    const double base = 4.5 - 12.25 - 17.0;
    EXPECT_NEAR(gain_db(out.pre[0], 1, 0, 0), base + t::db(0.6), 0.01);
    EXPECT_NEAR(gain_db(out.pre[1], 1, 1, 0), base, 0.01);

    s.set_balance(-1.0); // fully left: right silent
    s.set_dim(false);
    rig.update();
    const auto out2 = rig.run(24000, programme);
    EXPECT_EQ(t::peak(out2.pre[1], rig.ramp_frames(), 24000), 0.0);
    const auto in_left = input(1, 0, 24000, 24000);
    const double left = t::db(t::rms(out2.pre[0], 2000, 24000) / t::rms(in_left, 2000, 24000));
    EXPECT_NEAR(left, 4.5 - 12.25, 0.01);
}

TEST(Engine, VolumeAtTheBottomOfTheRangeIsSilence) {
    t::Rig rig(t::stereo_config(1), kFs);
    rig.settings().set_volume(rig.settings().config().volume.min_db);
    rig.update();
    rig.engine().reset(rig.params());
    const auto out = rig.run(4800, programme);
    EXPECT_EQ(t::peak(out.pre[0], 0, 4800), 0.0);
    rig.settings().step_volume(0.1);
    rig.update();
    const auto out2 = rig.run(4800, programme);
    EXPECT_GT(t::peak(out2.pre[0], 2400, 4800), 0.0);
}

TEST(Engine, StartsSilentAndFadesInWithoutReset) {
    t::Rig rig(t::stereo_config(1), kFs, /*snap=*/false);
    const auto out = rig.run(4800, programme, 64);
    EXPECT_LT(std::fabs(out.pre[0][0]), 0.001);
    EXPECT_LE(t::max_step(out.pre[0], 0, 4800), 0.06);
    const auto in = input(0, 0, 0, 4800);
    EXPECT_NEAR(t::db(t::rms(out.pre[0], 2400, 4800) / t::rms(in, 2400, 4800)), -30.0, 0.01);
}

TEST(Engine, NanAndInfinityDoNotPoisonTheFilters) {
    const auto dirty = [](unsigned s, unsigned c, std::size_t n) {
        if (n >= 3000 && n < 3100) {
            if (n % 3 == 0) return std::numeric_limits<float>::quiet_NaN();
            return (n % 3 == 1 ? 1.0f : -1.0f) * std::numeric_limits<float>::infinity();
        }
        return programme(s, c, n);
    };
    const auto zeroed = [](unsigned s, unsigned c, std::size_t n) {
        return n >= 3000 && n < 3100 ? 0.0f : programme(s, c, n);
    };
    t::Rig a(t::stereo_config(1), kFs), b(t::stereo_config(1), kFs);
    for (auto* rig : {&a, &b}) {
        colour(rig->settings());
        rig->update();
        rig->engine().reset(rig->params());
    }
    const auto got = a.run(20000, dirty);
    const auto want = b.run(20000, zeroed);
    for (unsigned c = 0; c < 2; ++c) {
        for (float v : got.pre[c])
            ASSERT_TRUE(std::isfinite(v));
        expect_same(got.pre[c], want.pre[c]);
    }
}

TEST(Engine, DenormalsAreFlushed) {
    t::Rig rig(t::stereo_config(1), kFs);
    rig.settings().set_bass(12);
    rig.settings().set_treble(12);
    rig.settings().set_volume(0);
    rig.update();
    rig.run(4800, programme);
    const auto tiny = [](unsigned, unsigned, std::size_t n) {
        return (n % 2 ? 1.0f : -1.0f) * std::numeric_limits<float>::denorm_min() * 1000;
    };
    const auto out = rig.run(48000, tiny);
    for (unsigned c = 0; c < 2; ++c) {
        for (float v : out.pre[c])
            ASSERT_NE(std::fpclassify(v), FP_SUBNORMAL);
        // The shelves' memories decay into exact zeros, not into denormal dust.
        EXPECT_EQ(t::peak(out.pre[c], 24000, 48000), 0.0);
    }
}

TEST(Engine, MetersMeasureEveryInputAsItArrives) {
    auto cfg = t::stereo_config(3);
    cfg.inputs[0].trim_db = -6.0; // the input meters read before the trim
    t::Rig rig(cfg, kFs);
    rig.settings().set_source("s1");
    rig.update();
    rig.engine().reset(rig.params());
    const float amplitude[3][2] = {{0.5f, 0.25f}, {0.8f, 0.8f}, {1.25f, 0.0f}};
    rig.run(4800, [&](unsigned s, unsigned c, std::size_t i) {
        return amplitude[s][c] * static_cast<float>(std::sin(2.0 * std::numbers::pi * 1000.0 * static_cast<double>(i) / kFs));
    });
    const auto& m = rig.engine().meters();
    for (unsigned s = 0; s < 3; ++s)
        for (unsigned c = 0; c < 2; ++c) {
            const auto& in = m.in[s * preamp::dsp::kMaxChannels + c];
            EXPECT_NEAR(in.peak, amplitude[s][c], 1e-3) << "source " << s << ", channel " << c;
            EXPECT_NEAR(std::sqrt(in.sum_squares / m.frames), amplitude[s][c] / std::sqrt(2.0),
                        1e-3);
            EXPECT_EQ(in.clips > 0, amplitude[s][c] > 1.0f) << "source " << s << ", channel " << c;
        }
    EXPECT_EQ(m.in[3 * preamp::dsp::kMaxChannels].peak, 0.0f) << "no fourth source";
    rig.engine().restart_meters();
    EXPECT_EQ(m.in[preamp::dsp::kMaxChannels].peak, 0.0f);
    EXPECT_GT(m.in[2 * preamp::dsp::kMaxChannels].clips, 0u) << "clip counts are never reset";
}

TEST(Engine, MetersMeasurePeakRmsAndClips) {
    t::Rig rig(t::stereo_config(1), kFs);
    rig.settings().set_volume(0);
    rig.update();
    rig.engine().reset(rig.params());
    const auto loud = t::sine(1000, kFs, 1.5);
    rig.run(4800, loud);
    const auto& m = rig.engine().meters();
    EXPECT_EQ(m.frames, 4800u);
    for (const auto* side : {&m.rec, &m.pre}) {
        EXPECT_NEAR((*side)[0].peak, 1.5, 1e-3);
        EXPECT_NEAR(std::sqrt((*side)[0].sum_squares / m.frames), 1.5 / std::sqrt(2.0), 1e-3);
        // A 1 kHz sine of 1.5 is above 1.0 for 2/3 - 2 asin(1/1.5)/pi of the time... about half.
        EXPECT_GT((*side)[0].clips, 4800u / 3);
    }
    const auto clips = m.pre[0].clips;
    rig.engine().restart_meters();
    rig.run(480, [](unsigned, unsigned, std::size_t) { return 0.0f; });
    EXPECT_EQ(m.pre[0].peak, 0.0f);
    EXPECT_EQ(m.frames, 480u);
    EXPECT_EQ(m.pre[0].clips, clips) << "clip counts are never reset";
}
