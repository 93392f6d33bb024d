// Bass management in the engine: the LR4 crossover's two branches (pre_out high-passed,
// sub_out low-passed) against the analytic response of the designed sections, their
// sum an all-pass, and sub_out's and the speaker sets' sample-exact delays.

#include "Rig.hpp"

#include <cmath>
#include <complex>
#include <gtest/gtest.h>
#include <numbers>
#include <string>

namespace t = preamp::test;
namespace dsp = preamp::dsp;
using dsp::Biquad;

namespace {

// Long enough for the slowest impulse response here (40 Hz at 96 kHz decays by e^-1
// every ~540 samples) to be far below float resolution.
constexpr std::size_t kIrLength = 32768;

float impulse_at(std::size_t at, std::size_t n) {
    return n == at ? 1.0f : 0.0f;
}

// Bass management on, the crossover at `fc`: sub level 0 dB, normal polarity, no delay.
void bass_on(dsp::EngineParams& p, double fs, double fc) {
    p.bass.lowpass = Biquad::butterworth_lowpass(fs, fc);
    p.bass.highpass = Biquad::butterworth_highpass(fs, fc);
    p.bass.sub_gain = 1.0f;
    p.bass.mains_highpass = 1.0f;
    p.bass.sub_delay_frames = 0;
}

// H(f) = sum of h[n] e^(-j w n): the impulse response's DFT at one frequency, with the
// phasor advanced by multiplication and renewed every 1024 samples.
std::complex<double> dft(const std::vector<float>& h, double f, double fs) {
    const double w = 2.0 * std::numbers::pi * f / fs;
    const std::complex<double> rot = std::polar(1.0, -w);
    std::complex<double> sum{}, z{};
    for (std::size_t n = 0; n < h.size(); ++n) {
        if (n % 1024 == 0) z = std::polar(1.0, -w * static_cast<double>(n));
        sum += static_cast<double>(h[n]) * z;
        z *= rot;
    }
    return sum;
}

// The analytic LR4 branch: the designed Butterworth section, squared.
double lr4_db(const Biquad& section, double fs, double f) {
    const auto h = section.response(fs, f);
    return t::db(std::abs(h * h));
}

struct Branches {
    std::vector<float> mains; // pre_out_L
    std::vector<float> sub;
};

// The impulse responses of pre_out_L and sub_out, the same impulse on both channels.
Branches impulse_responses(double fs, double fc) {
    t::Rig rig(t::stereo_config(1), fs, true, {1, 1});
    rig.settings().set_volume(0);
    rig.adjust([&](dsp::EngineParams& p) { bass_on(p, fs, fc); });
    rig.engine().reset(rig.params());
    const auto out =
        rig.run(kIrLength, [](unsigned, unsigned, std::size_t n) { return impulse_at(0, n); });
    return {out.pre[0], out.sub[0]};
}

class Crossover : public ::testing::TestWithParam<std::tuple<double, double>> {};

} // namespace

TEST_P(Crossover, EachBranchIsTheAnalyticLr4AndTheySumToAnAllPass) {
    const auto [fs, fc] = GetParam();
    const Branches ir = impulse_responses(fs, fc);
    const Biquad lp = Biquad::butterworth_lowpass(fs, fc);
    const Biquad hp = Biquad::butterworth_highpass(fs, fc);
    std::vector<float> sum(kIrLength);
    for (std::size_t n = 0; n < kIrLength; ++n)
        sum[n] = ir.mains[n] + ir.sub[n];

    unsigned checked = 0;
    auto frequencies = t::log_frequencies(20, 20000, 61);
    frequencies.push_back(fc);
    for (double f : frequencies) {
        const double want_sub = lr4_db(lp, fs, f), want_mains = lr4_db(hp, fs, f);
        const double got_sub = t::db(std::abs(dft(ir.sub, f, fs)));
        const double got_mains = t::db(std::abs(dft(ir.mains, f, fs)));
        if (want_sub > -60) {
            EXPECT_NEAR(got_sub, want_sub, 0.05) << "sub_out at " << f << " Hz";
            ++checked;
        }
        if (want_mains > -60) {
            EXPECT_NEAR(got_mains, want_mains, 0.05) << "pre_out at " << f << " Hz";
            ++checked;
        }
        EXPECT_NEAR(t::db(std::abs(dft(sum, f, fs))), 0.0, 0.05) << "pre + sub at " << f << " Hz";
    }
    EXPECT_GT(checked, 61u) << "most of the band must have been compared";

    // -6.02 dB at the crossover, for each branch.
    EXPECT_NEAR(t::db(std::abs(dft(ir.sub, fc, fs))), -6.0206, 0.05);
    EXPECT_NEAR(t::db(std::abs(dft(ir.mains, fc, fs))), -6.0206, 0.05);
    // Far from it, each branch is gone: the mains lose the bass, the sub the treble.
    EXPECT_LT(t::db(std::abs(dft(ir.mains, fc / 8, fs))), -60.0);
    EXPECT_LT(t::db(std::abs(dft(ir.sub, fc * 8, fs))), -60.0);
}

INSTANTIATE_TEST_SUITE_P(RatesAndFrequencies, Crossover,
                         ::testing::Combine(::testing::Values(44100.0, 48000.0, 96000.0),
                                            ::testing::Values(40.0, 80.0, 250.0)),
                         [](const auto& p) {
                             return std::to_string(static_cast<int>(std::get<0>(p.param))) + "Hz_" +
                                    std::to_string(static_cast<int>(std::get<1>(p.param))) + "Hz";
                         });

TEST(Bass, TwoSubChannelsCarryTheLowPassedLeftAndRight) {
    constexpr double fs = 48000;
    t::Rig rig(t::stereo_config(1), fs, true, {2, 1});
    rig.settings().set_volume(0);
    rig.adjust([&](dsp::EngineParams& p) { bass_on(p, fs, 80); });
    rig.engine().reset(rig.params());
    // An impulse on the left only, at 0.5 on the right one frame later.
    const auto out = rig.run(8192, [](unsigned, unsigned c, std::size_t n) {
        return c == 0 ? impulse_at(0, n) : 0.5f * impulse_at(1, n);
    });
    ASSERT_EQ(out.sub.size(), 2u);
    const Biquad lp = Biquad::butterworth_lowpass(fs, 80);
    for (double f : {20.0, 80.0, 150.0}) {
        EXPECT_NEAR(t::db(std::abs(dft(out.sub[0], f, fs))), lr4_db(lp, fs, f), 0.05);
        EXPECT_NEAR(t::db(std::abs(dft(out.sub[1], f, fs))), lr4_db(lp, fs, f) + t::db(0.5), 0.05);
    }
    EXPECT_EQ(out.sub[1][0], 0.0f) << "sub_out_R must carry the right channel only";
    EXPECT_NE(out.sub[0][0], 0.0f);
}

TEST(Bass, OneSubChannelCarriesTheMeanOfTheChannels) {
    constexpr double fs = 48000;
    t::Rig rig(t::stereo_config(1), fs, true, {1, 1});
    rig.settings().set_volume(0);
    rig.adjust([&](dsp::EngineParams& p) { bass_on(p, fs, 80); });
    rig.engine().reset(rig.params());
    const auto out = rig.run(8192, [](unsigned, unsigned c, std::size_t n) {
        return c == 0 ? impulse_at(0, n) : 0.0f; // left only: the sub gets half of it
    });
    const Biquad lp = Biquad::butterworth_lowpass(fs, 80);
    for (double f : {20.0, 80.0, 150.0})
        EXPECT_NEAR(t::db(std::abs(dft(out.sub[0], f, fs))), lr4_db(lp, fs, f) + t::db(0.5), 0.05);
}

TEST(Bass, SubLevelAndPolarityScaleTheSubOnly) {
    constexpr double fs = 48000;
    t::Rig plain(t::stereo_config(1), fs, true, {1, 1}),
        scaled(t::stereo_config(1), fs, true, {1, 1});
    for (auto* rig : {&plain, &scaled})
        rig->settings().set_volume(0);
    plain.adjust([&](dsp::EngineParams& p) { bass_on(p, fs, 80); });
    scaled.adjust([&](dsp::EngineParams& p) {
        bass_on(p, fs, 80);
        p.bass.sub_gain = -0.5f; // -6.02 dB, inverted
    });
    for (auto* rig : {&plain, &scaled})
        rig->engine().reset(rig->params());
    const auto signal = t::sine(50, fs, 0.5);
    const auto a = plain.run(9600, signal), b = scaled.run(9600, signal);
    for (std::size_t n = 0; n < a.sub[0].size(); ++n)
        ASSERT_EQ(b.sub[0][n], -0.5f * a.sub[0][n]) << n;
    EXPECT_EQ(a.pre[0], b.pre[0]) << "the sub's level must not touch the mains";
}

namespace {

// Frames of the first non-zero sample.
std::size_t arrival(const std::vector<float>& y) {
    for (std::size_t n = 0; n < y.size(); ++n)
        if (y[n] != 0.0f) return n;
    return y.size();
}

std::uint32_t frames_of(double ms, double fs) {
    return static_cast<std::uint32_t>(std::lround(ms * fs / 1000.0));
}

} // namespace

TEST(Delay, SubOutArrivesExactlyTheDelayLater) {
    for (const double fs : {44100.0, 48000.0, 96000.0})
        for (const double ms : {0.0, 0.1, 7.3, 20.0}) {
            const std::uint32_t d = frames_of(ms, fs);
            t::Rig now(t::stereo_config(1), fs, true, {1, 1}),
                late(t::stereo_config(1), fs, true, {1, 1});
            for (auto* rig : {&now, &late})
                rig->settings().set_volume(0);
            now.adjust([&](dsp::EngineParams& p) { bass_on(p, fs, 80); });
            late.adjust([&](dsp::EngineParams& p) {
                bass_on(p, fs, 80);
                p.bass.sub_delay_frames = d;
            });
            for (auto* rig : {&now, &late})
                rig->engine().reset(rig->params());
            const auto impulse = [](unsigned, unsigned, std::size_t n) { return impulse_at(0, n); };
            const auto a = now.run(4096, impulse, 100), b = late.run(4096, impulse, 100);
            ASSERT_EQ(arrival(a.sub[0]), 0u);
            ASSERT_EQ(arrival(b.sub[0]), d) << ms << " ms at " << fs << " Hz";
            for (std::size_t n = 0; n + d < 4096; ++n)
                ASSERT_EQ(b.sub[0][n + d], a.sub[0][n]) << "sample " << n;
            EXPECT_EQ(a.pre[0], b.pre[0]) << "the sub's delay must not delay the mains";
        }
}

TEST(Delay, ASpeakerSetArrivesExactlyItsDelayLater) {
    for (const double fs : {44100.0, 48000.0, 96000.0})
        for (const double ms : {0.0, 3.0, 20.0}) {
            const std::uint32_t d = frames_of(ms, fs);
            t::Rig rig(t::stereo_config(1), fs, true, {0, 3});
            rig.settings().set_volume(0);
            rig.adjust([&](dsp::EngineParams& p) {
                p.speakers[2].delay_frames = d;
                p.speakers[1].delay_frames = 1; // its neighbour is another matter
            });
            rig.engine().reset(rig.params());
            const auto out =
                rig.run(4096, [](unsigned, unsigned, std::size_t n) { return impulse_at(0, n); });
            ASSERT_EQ(out.speakers.size(), 4u);
            for (unsigned c = 0; c < 2; ++c) {
                EXPECT_EQ(arrival(out.pre[c]), 0u);
                EXPECT_EQ(out.pre[c][0], 1.0f);
                EXPECT_EQ(arrival(out.speakers[c]), 1u);
                ASSERT_EQ(arrival(out.speakers[2 + c]), d) << ms << " ms at " << fs << " Hz";
                EXPECT_EQ(out.speakers[2 + c][d], 1.0f);
                EXPECT_EQ(arrival(std::vector<float>(out.speakers[2 + c].begin() + d + 1,
                                                     out.speakers[2 + c].end())),
                          4096 - d - 1)
                    << "one impulse in, one out";
            }
        }
}

TEST(Delay, AChangeAtRuntimeEndsAtTheExactDelay) {
    constexpr double fs = 48000;
    for (const std::uint32_t from : {0u, 500u, 960u})
        for (const std::uint32_t to : {0u, 1u, 333u, 960u}) {
            if (from == to) continue;
            t::Rig rig(t::stereo_config(1), fs, true, {1, 2});
            rig.settings().set_volume(0);
            std::uint32_t delay = from;
            rig.adjust([&](dsp::EngineParams& p) {
                bass_on(p, fs, 80);
                p.bass.mains_highpass = 0.0f; // pre_out: the input, delayed
                p.bass.sub_delay_frames = delay;
                p.speakers[0].delay_frames = delay;
                p.speakers[1].delay_frames = delay;
            });
            rig.engine().reset(rig.params());
            const auto programme = t::sine(440, fs, 0.3);
            rig.run(4800, programme);
            delay = to;
            rig.update();
            // The old and the new tap both need their past; then the ramp.
            const std::size_t settle = 960 + rig.ramp_frames() + 256;
            rig.run(settle, programme);
            ASSERT_FALSE(rig.engine().settling()) << from << " -> " << to;
            // Silence until the low-pass's memory is flushed to exact zeros.
            const auto zero = [](unsigned, unsigned, std::size_t) { return 0.0f; };
            const auto quiet = rig.run(9600, zero);
            ASSERT_EQ(t::peak(quiet.sub[0], 8000, 9600), 0.0);
            const std::size_t t0 = 4800 + settle + 9600 + 10;
            const auto out =
                rig.run(4096, [&](unsigned, unsigned, std::size_t n) { return impulse_at(t0, n); });
            EXPECT_EQ(arrival(out.pre[0]), 10u + to) << from << " -> " << to;
            EXPECT_EQ(arrival(out.speakers[0]), 10u + to) << from << " -> " << to;
            EXPECT_EQ(out.pre[0][10 + to], 1.0f);
            EXPECT_EQ(arrival(out.sub[0]), 10u + to) << from << " -> " << to;
        }
}

TEST(Delay, ALongerDelayIsClampedToTwentyMilliseconds) {
    for (const double fs : {44100.0, 48000.0, 192000.0}) {
        t::Rig rig(t::stereo_config(1), fs, true, {0, 2});
        rig.settings().set_volume(0);
        rig.adjust([](dsp::EngineParams& p) { p.speakers[1].delay_frames = 100000; });
        rig.engine().reset(rig.params());
        const auto out =
            rig.run(8192, [](unsigned, unsigned, std::size_t n) { return impulse_at(0, n); });
        EXPECT_EQ(arrival(out.speakers[0]), frames_of(20.0, fs)) << fs << " Hz";
    }
}
