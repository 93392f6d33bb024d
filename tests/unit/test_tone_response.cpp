// Bass, treble and loudness measured with sines through the whole engine, against the
// analytic shelf magnitude, at 24 frequencies from 20 Hz to 20 kHz and three rates.

#include "Rig.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace t = preamp::test;
using preamp::core::Config;

namespace {

constexpr double kTolerance = 0.05; // dB
constexpr double kAmplitude = 0.25;

struct Case {
    double bass_db, treble_db;
    bool loudness;
    double volume_db;
};

// Sample rate, and the instruction set the kernel runs with.
class ToneResponse : public ::testing::TestWithParam<std::tuple<double, preamp::dsp::Isa>> {};

// Measured gain in dB of pre_out over the input at `f`, steady state.
double measure(t::Rig& rig, double f) {
    const double fs = rig.sample_rate();
    // Settle for at least 0.25 s (the 20 Hz shelf's slowest pole), then fit over 0.25 s
    // or ten cycles, whichever is longer.
    const auto settle = static_cast<std::size_t>(0.25 * fs);
    const auto window = static_cast<std::size_t>(std::max(0.25, 10.0 / f) * fs);
    rig.engine().reset(rig.params());
    const auto out = rig.run(settle + window, t::sine(f, fs, kAmplitude), 1024);
    const double amp = t::tone_amplitude(out.pre[0], settle, settle + window, f, fs);
    const double amp_r = t::tone_amplitude(out.pre[1], settle, settle + window, f, fs);
    EXPECT_NEAR(amp, amp_r, amp * 1e-6) << "channels differ at " << f << " Hz";
    return t::db(amp / kAmplitude);
}

void check(const std::tuple<double, preamp::dsp::Isa>& param, const Case& c) {
    const auto [fs, isa] = param;
    if (isa > preamp::dsp::best_isa()) GTEST_SKIP() << "this CPU lacks the instruction set";
    Config cfg;
    t::Rig rig(cfg, fs);
    rig.use_isa(isa);
    auto& s = rig.settings();
    s.set_volume(c.volume_db);
    s.set_bass(c.bass_db);
    s.set_treble(c.treble_db);
    s.set_loudness(c.loudness);
    rig.update();

    const auto boost = cfg.loudness.boost(c.volume_db);
    for (double f : t::log_frequencies(20, 20000, 24)) {
        double expected = c.volume_db + t::analog_low_shelf_db(f, fs, 100, c.bass_db) +
                          t::analog_high_shelf_db(f, fs, 10000, c.treble_db);
        if (c.loudness)
            expected +=
                t::analog_low_shelf_db(f, fs, cfg.loudness.bass_freq_hz, boost.bass_db) +
                t::analog_high_shelf_db(f, fs, cfg.loudness.treble_freq_hz, boost.treble_db);
        EXPECT_NEAR(measure(rig, f), expected, kTolerance)
            << "at " << f << " Hz, " << fs << " Hz sample rate, bass " << c.bass_db << ", treble "
            << c.treble_db << ", loudness " << c.loudness << ", volume " << c.volume_db;
    }
}

} // namespace

TEST_P(ToneResponse, BassBoostAndTrebleCut) {
    check(GetParam(), {12.0, -12.0, false, 0.0});
}

TEST_P(ToneResponse, BassCutAndTrebleBoost) {
    check(GetParam(), {-7.5, 4.2, false, -6.0});
}

TEST_P(ToneResponse, LoudnessAloneAtLowVolume) {
    const Config defaults;
    const auto boost = defaults.loudness.boost(-40.0);
    ASSERT_GT(boost.bass_db, 6.0) << "the contour must be active at -40 dB";
    ASSERT_GT(boost.treble_db, 1.0);
    check(GetParam(), {0.0, 0.0, true, -40.0});
}

TEST_P(ToneResponse, LoudnessWithTone) {
    check(GetParam(), {3.0, 2.0, true, -25.0});
}

std::string case_name(const ::testing::TestParamInfo<ToneResponse::ParamType>& info) {
    static const char* const names[] = {"baseline", "avx2", "avx512"};
    return std::to_string(static_cast<int>(std::get<0>(info.param))) + "Hz_" +
           names[static_cast<unsigned>(std::get<1>(info.param))];
}

INSTANTIATE_TEST_SUITE_P(RatesAndIsas, ToneResponse,
                         ::testing::Combine(::testing::Values(44100.0, 48000.0, 96000.0),
                                            ::testing::Values(preamp::dsp::Isa::baseline,
                                                              preamp::dsp::Isa::avx2,
                                                              preamp::dsp::Isa::avx512)),
                         case_name);

TEST(Loudness, ContourGrowsBelowTheReferenceAndStopsAtItsCap) {
    const Config cfg;
    const auto& l = cfg.loudness;
    EXPECT_EQ(l.boost(l.reference_db).bass_db, 0.0);
    EXPECT_EQ(l.boost(l.reference_db + 10).bass_db, 0.0);
    EXPECT_NEAR(l.boost(l.reference_db - 10).bass_db, 10 * l.bass_slope, 0.05);
    EXPECT_NEAR(l.boost(l.reference_db - 10).treble_db, 10 * l.treble_slope, 0.05);
    EXPECT_EQ(l.boost(-200).bass_db, l.bass_max_db);
    EXPECT_EQ(l.boost(-200).treble_db, l.treble_max_db);
}
