// The RBJ shelf coefficients against their analog prototypes.

#include "Signals.hpp"
#include "dsp/Biquad.hpp"

#include <cmath>
#include <gtest/gtest.h>

using preamp::dsp::Biquad;
namespace t = preamp::test;

TEST(Biquad, ZeroGainIsTheIdentity) {
    EXPECT_TRUE(Biquad::low_shelf(48000, 100, 0.0).is_identity());
    EXPECT_TRUE(Biquad::high_shelf(48000, 10000, 0.0).is_identity());
    EXPECT_FALSE(Biquad::low_shelf(48000, 100, 0.1).is_identity());
}

TEST(Biquad, ShelvesMatchTheirAnalogPrototypes) {
    for (double fs : {44100.0, 48000.0, 96000.0})
        for (double gain : {-12.0, -3.3, 0.1, 6.0, 12.0})
            for (double f : t::log_frequencies(20, 20000, 31)) {
                const auto lo = Biquad::low_shelf(fs, 100, gain).response(fs, f);
                const auto hi = Biquad::high_shelf(fs, 10000, gain).response(fs, f);
                EXPECT_NEAR(t::db(std::abs(lo)), t::analog_low_shelf_db(f, fs, 100, gain), 1e-9)
                    << fs << " Hz, " << gain << " dB at " << f;
                EXPECT_NEAR(t::db(std::abs(hi)), t::analog_high_shelf_db(f, fs, 10000, gain), 1e-9)
                    << fs << " Hz, " << gain << " dB at " << f;
            }
}

TEST(Biquad, PeakingMatchesItsAnalogPrototype) {
    EXPECT_TRUE(Biquad::peaking(48000, 1000, 1, 0.0).is_identity());
    for (double fs : {44100.0, 48000.0, 96000.0})
        for (double gain : {-12.0, -2.5, 0.1, 6.0})
            for (double q : {0.3, 0.7, 2.0})
                for (double f : t::log_frequencies(20, 20000, 31)) {
                    const auto h = Biquad::peaking(fs, 3000, q, gain).response(fs, f);
                    EXPECT_NEAR(t::db(std::abs(h)), t::analog_peaking_db(f, fs, 3000, q, gain),
                                1e-9)
                        << fs << " Hz, " << gain << " dB, Q " << q << " at " << f;
                }
    // Its full gain at f0, none far from it.
    const double fs = 48000;
    EXPECT_NEAR(t::db(std::abs(Biquad::peaking(fs, 3000, 0.7, -4).response(fs, 3000))), -4.0, 1e-9);
    EXPECT_NEAR(t::db(std::abs(Biquad::peaking(fs, 3000, 0.7, -4).response(fs, 0.001))), 0.0, 1e-6);
}

TEST(Biquad, ShelfGainAtTheExtremes) {
    const double fs = 48000;
    EXPECT_NEAR(t::db(std::abs(Biquad::low_shelf(fs, 100, 9).response(fs, 0.001))), 9.0, 1e-6);
    EXPECT_NEAR(t::db(std::abs(Biquad::low_shelf(fs, 100, 9).response(fs, fs / 2))), 0.0, 1e-6);
    EXPECT_NEAR(t::db(std::abs(Biquad::high_shelf(fs, 10000, -7).response(fs, fs / 2))), -7.0,
                1e-6);
    // S = 1: half the gain (in dB) at f0.
    EXPECT_NEAR(t::db(std::abs(Biquad::low_shelf(fs, 100, 12).response(fs, 100))), 6.0, 1e-6);
}

TEST(Butterworth, IsThreeDecibelsDownAtItsCornerAndTwoOfItAnLr4PairSumsToAnAllPass) {
    for (const double fs : {44100.0, 48000.0, 96000.0})
        for (const double fc : {40.0, 80.0, 250.0}) {
            const Biquad lp = Biquad::butterworth_lowpass(fs, fc);
            const Biquad hp = Biquad::butterworth_highpass(fs, fc);
            EXPECT_NEAR(20.0 * std::log10(std::abs(lp.response(fs, fc))), -3.0103, 1e-4);
            EXPECT_NEAR(20.0 * std::log10(std::abs(hp.response(fs, fc))), -3.0103, 1e-4);
            EXPECT_NEAR(std::abs(lp.response(fs, 1.0)), 1.0, 1e-6);
            EXPECT_NEAR(std::abs(hp.response(fs, fs / 2.0 - 1.0)), 1.0, 1e-6);
            for (double f = 10.0; f < fs / 2.0; f *= 1.1) {
                const auto l = lp.response(fs, f), h = hp.response(fs, f);
                EXPECT_NEAR(std::abs(l * l + h * h), 1.0, 1e-9)
                    << fs << " Hz, " << fc << " Hz, at " << f;
            }
        }
}
