// Bass, treble and loudness measured with sines through the whole engine, against the
// analytic shelf magnitude (loudness: the designed sections' analytic response, and the
// ISO 226 contour itself), at 24 frequencies from 20 Hz to 20 kHz and three rates.

#include "Rig.hpp"
#include "core/Iso226.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace t = preamp::test;
using preamp::core::Config;
using preamp::dsp::ToneParams;

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
    if (isa > preamp::dsp::best_isa())
        GTEST_SKIP() << "this CPU lacks the instruction set (AVX2 and AVX-512 are x86-64's: "
                        "elsewhere the portable baseline alone runs)";
    Config cfg;
    t::Rig rig(cfg, fs);
    rig.use_isa(isa);
    auto& s = rig.settings();
    s.set_volume(c.volume_db);
    s.set_bass(c.bass_db);
    s.set_treble(c.treble_db);
    s.set_loudness(c.loudness);
    rig.update();

    const auto& stages = rig.params().tone.stages();
    for (double f : t::log_frequencies(20, 20000, 24)) {
        double expected = c.volume_db + t::analog_low_shelf_db(f, fs, 100, c.bass_db) +
                          t::analog_high_shelf_db(f, fs, 10000, c.treble_db);
        for (unsigned i = ToneParams::loudness_bass_shelf; i < ToneParams::stage_count; ++i)
            expected += t::db(std::abs(stages[i].response(fs, f)));
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

// The RT path runs what was designed: the ISO 226 difference (80 phon at the reference,
// 50 phon here) measured with sines at the 29 ISO 226 frequencies and the 28 between.
TEST(Loudness, MeasuredThroughTheEngineFollowsIso226) {
    using preamp::core::Iso226;
    const double fs = 48000;
    Config cfg;
    t::Rig rig(cfg, fs);
    const double depth = 30;
    const double volume = cfg.loudness.reference_db - depth;
    rig.settings().set_volume(volume);
    rig.settings().set_loudness(true);
    rig.update();
    ASSERT_FALSE(rig.params().tone.is_identity());
    const auto iso = [&](double f) {
        const double p = cfg.loudness.reference_phon, l = p - depth;
        return Iso226::spl_at(f, l) - Iso226::spl_at(f, p) -
               (Iso226::spl_at(1000, l) - Iso226::spl_at(1000, p));
    };
    std::vector<double> f;
    for (std::size_t i = 0; i < Iso226::kBands; ++i) {
        f.push_back(Iso226::frequency_hz[i]);
        if (i + 1 < Iso226::kBands)
            f.push_back(std::sqrt(Iso226::frequency_hz[i] * Iso226::frequency_hz[i + 1]));
    }
    ASSERT_GE(f.size(), 30u);
    for (double v : f)
        EXPECT_NEAR(measure(rig, v) - volume, iso(v), 1.0) << "at " << v << " Hz";
    EXPECT_GT(measure(rig, 31.5) - volume, 10.0) << "a real boost, not a no-op";
}
