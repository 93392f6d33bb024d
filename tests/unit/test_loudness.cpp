// ISO 226:2003 and the loudness contour designed to follow it: the standard's equations
// against the values they give, then the designed tone stages' analytic response (as
// make_engine_params builds them for the RT thread) against the difference of two
// contours, at 86 frequencies from 20 Hz to 12.5 kHz, six volumes and three rates.

#include "Signals.hpp"
#include "core/EngineParams.hpp"
#include "core/Iso226.hpp"
#include "core/LoudnessContour.hpp"
#include "core/Settings.hpp"

#include <cmath>
#include <complex>
#include <cstdio>
#include <gtest/gtest.h>
#include <set>

namespace t = preamp::test;
using preamp::core::Config;
using preamp::core::Iso226;

namespace {

constexpr double kOneKhz = 1000.0;

// What ISO 226 asks `depth` dB below a reference heard at `phon`, from the contours alone.
double iso_boost(double f, double phon, double depth) {
    const double l = phon - depth;
    return Iso226::spl_at(f, l) - Iso226::spl_at(f, phon) -
           (Iso226::spl_at(kOneKhz, l) - Iso226::spl_at(kOneKhz, phon));
}

// The 29 table frequencies and 57 more on a log grid, 20 Hz to 12.5 kHz.
std::vector<double> frequencies() {
    std::vector<double> f(Iso226::frequency_hz.begin(), Iso226::frequency_hz.end());
    for (double v : t::log_frequencies(20, 12500, 57))
        f.push_back(v);
    return f;
}

// The six stages of the tone section at f, in dB.
double response_db(const preamp::dsp::ToneParams& tone, double fs, double f) {
    std::complex<double> h = 1.0;
    for (const auto& q : tone.stages())
        h *= q.response(fs, f);
    return t::db(std::abs(h));
}

preamp::dsp::ToneParams loudness_at(const Config& cfg, double volume_db, double fs) {
    preamp::core::Settings s(cfg);
    s.set_loudness(true);
    s.set_volume(volume_db);
    return preamp::core::make_engine_params(s, fs).tone;
}

} // namespace

TEST(Iso226, OneKilohertzIsItsOwnLoudnessLevel) {
    const std::size_t k = 17;
    ASSERT_EQ(Iso226::frequency_hz[k], kOneKhz);
    for (double phon = 20; phon <= 90; phon += 10)
        EXPECT_NEAR(Iso226::spl_db(k, phon), phon, 0.02) << phon << " phon";
}

TEST(Iso226, GivesTheValuesOfTheStandardsEquations) {
    EXPECT_NEAR(Iso226::spl_db(0, 40), 99.85, 0.01);  // 20 Hz
    EXPECT_NEAR(Iso226::spl_db(7, 40), 64.37, 0.01);  // 100 Hz
    EXPECT_NEAR(Iso226::spl_db(0, 80), 118.99, 0.01); // 20 Hz
    EXPECT_NEAR(Iso226::spl_db(7, 80), 92.48, 0.01);  // 100 Hz
    // The ear is most sensitive around 3-4 kHz: there a 40-phon tone is below 40 dB SPL.
    EXPECT_LT(Iso226::spl_db(22, 40), 40.0);
}

TEST(Iso226, FortyAgainstEightyPhonIsWhatTheLoudnessIssueQuotes) {
    // dB of boost per dB of attenuation: about 0.30 at 100 Hz and 0.19 at 200 Hz.
    EXPECT_NEAR(iso_boost(100, 80, 40) / 40, 0.30, 0.01);
    EXPECT_NEAR(iso_boost(200, 80, 40) / 40, 0.19, 0.01);
    EXPECT_NEAR(iso_boost(kOneKhz, 80, 40), 0.0, 1e-12);
}

TEST(Iso226, InterpolatesLinearlyInLogFrequency) {
    for (std::size_t i = 0; i + 1 < Iso226::kBands; ++i) {
        const double lo = Iso226::frequency_hz[i], hi = Iso226::frequency_hz[i + 1];
        EXPECT_DOUBLE_EQ(Iso226::spl_at(lo, 60), Iso226::spl_db(i, 60));
        EXPECT_NEAR(Iso226::spl_at(std::sqrt(lo * hi), 60),
                    (Iso226::spl_db(i, 60) + Iso226::spl_db(i + 1, 60)) / 2, 1e-9);
    }
    EXPECT_EQ(Iso226::spl_at(10, 60), Iso226::spl_db(0, 60));
    EXPECT_EQ(Iso226::spl_at(16000, 60), Iso226::spl_db(Iso226::kBands - 1, 60));
}

class LoudnessContour : public ::testing::TestWithParam<double> {};

TEST_P(LoudnessContour, FollowsIso226WithinOneDecibel) {
    const double fs = GetParam();
    const Config cfg;
    const auto& l = cfg.loudness;
    ASSERT_EQ(l.reference_phon, 80.0);
    const auto f = frequencies();
    ASSERT_GE(f.size(), 30u);
    for (double depth = 10; depth <= 60; depth += 10) {
        const auto tone = loudness_at(cfg, l.reference_db - depth, fs);
        double worst = 0, at = 0;
        for (double v : f) {
            const double want = iso_boost(v, l.reference_phon, depth);
            ASSERT_LT(want, v < kOneKhz ? l.bass_max_db : l.treble_max_db)
                << "the default caps must not cut the contour at " << v << " Hz";
            const double err = std::fabs(response_db(tone, fs, v) - want);
            if (err > worst) worst = err, at = v;
        }
        EXPECT_LT(worst, 1.0) << fs << " Hz rate, " << depth << " dB below the reference: " << worst
                              << " dB off at " << at << " Hz";
        std::printf("%g Hz, reference -%g dB (%g phon): largest error %.2f dB at %.0f Hz\n", fs,
                    depth, l.reference_phon - depth, worst, at);
    }
}

TEST_P(LoudnessContour, FollowsOtherReferenceLevels) {
    const double fs = GetParam();
    for (double phon : {70.0, 90.0}) {
        Config cfg;
        cfg.loudness.reference_phon = phon;
        for (double depth = 10; depth <= 40; depth += 10) {
            const auto tone = loudness_at(cfg, cfg.loudness.reference_db - depth, fs);
            for (double v : frequencies())
                EXPECT_NEAR(response_db(tone, fs, v), iso_boost(v, phon, depth), 1.0)
                    << v << " Hz, " << phon << " phon, " << depth << " dB down";
        }
    }
}

TEST_P(LoudnessContour, CapsHoldAtEveryFrequency) {
    const double fs = GetParam();
    Config cfg;
    cfg.loudness.bass_max_db = 12.0;
    cfg.loudness.treble_max_db = 4.0;
    for (double depth : {30.0, 45.0, 60.0}) {
        const auto tone = loudness_at(cfg, cfg.loudness.reference_db - depth, fs);
        ASSERT_GT(response_db(tone, fs, 40), 8.0) << "the caps bite, they do not switch it off";
        for (double v : t::log_frequencies(1, 0.45 * fs, 200)) {
            const double cap = v < kOneKhz ? 12.0 : 4.0;
            EXPECT_LT(response_db(tone, fs, v), cap + 0.1) << v << " Hz, " << depth << " dB down";
        }
        // Under the caps the contour is the capped one only roughly (README: within 4 dB).
        for (double v : frequencies()) {
            const double want = std::min(iso_boost(v, 80, depth), v < kOneKhz ? 12.0 : 4.0);
            EXPECT_NEAR(response_db(tone, fs, v), want, 4.0) << v << " Hz, " << depth << " dB down";
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Rates, LoudnessContour, ::testing::Values(44100.0, 48000.0, 96000.0));

TEST(Loudness, FlatAtAndAboveTheReference) {
    const Config cfg;
    for (double v : {cfg.loudness.reference_db, cfg.loudness.reference_db + 5, 0.0})
        EXPECT_TRUE(loudness_at(cfg, v, 48000).is_identity()) << v << " dB";
    EXPECT_FALSE(loudness_at(cfg, cfg.loudness.reference_db - 1, 48000).is_identity());
}

TEST(Loudness, StopsDeepeningAtTwentyPhon) {
    const Config cfg;
    const double bottom = cfg.loudness.reference_db - (cfg.loudness.reference_phon - 20);
    EXPECT_EQ(loudness_at(cfg, bottom, 48000), loudness_at(cfg, bottom - 5, 48000));
    EXPECT_FALSE(loudness_at(cfg, bottom, 48000) == loudness_at(cfg, bottom + 1, 48000));
}

TEST(Loudness, SmallVolumeStepsDoNotChurnTheFilters) {
    const Config cfg;
    std::vector<preamp::dsp::ToneParams> seen;
    for (int i = 0; i <= 100; ++i) {
        const auto tone = loudness_at(cfg, -40.0 - 0.01 * i, 48000);
        if (seen.empty() || !(seen.back() == tone)) seen.push_back(tone);
    }
    // One design per 0.1 dB of depth, not one per step.
    EXPECT_LE(seen.size(), 11u);
    EXPECT_GE(seen.size(), 10u);
}
