// preamp-render's bass management: --crossover and the sub options, measured on the sub
// output and the pre output against the analytic Linkwitz-Riley crossover.

#include "RenderTest.hpp"
#include "Signals.hpp"

#include <cmath>

using namespace preamp::test;

namespace {

class Bass : public RenderTest {
protected:
    // A raw render of `in` with `extra` options; OUT has `out_channels` channels.
    Audio run(const Audio& in, const std::vector<std::string>& extra, int out_channels) {
        Audio out = render_raw(in, extra, out_channels);
        EXPECT_EQ(out.frames(), in.frames()) << "the output has another channel count";
        return out;
    }
};

// 20 log10 of the amplitude of `freq` in channel `c` of `out` over its last second, relative
// to `amplitude`. Every tone has a whole number of periods in it, so the others do not leak.
double level_db(const Audio& out, int c, double freq, double amplitude) {
    const std::vector<float> x = out.channel(c);
    const auto second = static_cast<std::size_t>(out.rate);
    return db(tone_amplitude(x, x.size() - second, x.size(), freq, out.rate) / amplitude);
}

TEST_F(Bass, SubIsTheLowPassOfTheMeanAndRejectsTheMids) {
    // The same tone on both channels: their mean is the tone.
    const Audio low = make_tones({40.0}, 0.5, 2.0);
    const Audio sub = run(low, {"--crossover", "80", "--output", "sub"}, 1);
    EXPECT_NEAR(level_db(sub, 0, 40.0, 0.5), lr4_db(true, 40.0, 80.0, 48000.0), 0.05);
    EXPECT_NEAR(lr4_db(true, 40.0, 80.0, 48000.0), -0.53, 0.01); // the oracle is no 0

    const Audio mid = make_tones({1000.0}, 0.5, 2.0);
    EXPECT_LT(level_db(run(mid, {"--crossover", "80", "--output", "sub"}, 1), 0, 1000.0, 0.5),
              -60.0);

    // Opposite channels cancel in the mean: (L + R) / 2.
    Audio opposite = low;
    for (std::size_t i = 1; i < opposite.samples.size(); i += 2)
        opposite.samples[i] = -opposite.samples[i];
    EXPECT_LT(level_db(run(opposite, {"--crossover", "80", "--output", "sub"}, 1), 0, 40.0, 0.5),
              -100.0);
}

TEST_F(Bass, PreIsTheHighPassSixDecibelsDownAtTheCrossover) {
    const Audio mid = make_tones({1000.0}, 0.5, 2.0);
    const Audio pre = run(mid, {"--crossover", "80"}, 2);
    for (int c = 0; c < 2; ++c)
        EXPECT_NEAR(level_db(pre, c, 1000.0, 0.5), 0.0, 0.05);

    const Audio at = make_tones({80.0}, 0.5, 2.0);
    for (const std::string output : {"pre", "sub"}) {
        const Audio out =
            run(at, {"--crossover", "80", "--output", output}, output == "sub" ? 1 : 2);
        EXPECT_NEAR(level_db(out, 0, 80.0, 0.5), -6.02, 0.05) << output;
    }
}

TEST_F(Bass, MainsHighpassOffLeavesPreAsItWas) {
    const Audio in = make_noise(48000, 2);
    for (const std::string off : {"--mains-highpass=off", "--mains-highpass=no"}) {
        const Audio out = run(in, {"--crossover", "80", off}, 2);
        EXPECT_TRUE(same_bits(out, in)) << off;
    }
    const Audio on = run(in, {"--crossover", "80", "--mains-highpass"}, 2);
    EXPECT_FALSE(same_bits(on, in));
    EXPECT_TRUE(same_bits(on, run(in, {"--crossover", "80"}, 2))); // on is the default
}

// Each branch and their sum, tone by tone, at three rates and three crossovers.
class Response : public Bass, public ::testing::WithParamInterface<std::tuple<int, double>> {};

TEST_P(Response, EachBranchIsTheAnalyticLr4AndPrePlusSubIsFlat) {
    const auto [rate, fc] = GetParam();
    std::vector<double> freqs{20,  25,  31,  40,  50,  63,  80,   100,  125,  160,   200,
                              250, 315, 400, 500, 630, 800, 1000, 2000, 5000, 10000, 20000};
    const double amplitude = 0.02; // 22 tones stay below full scale
    const Audio in = make_tones(freqs, amplitude, 1.5, rate);
    const Audio sub = run(in, {"--crossover", std::to_string(fc), "--output", "sub"}, 1);
    const Audio pre = run(in, {"--crossover", std::to_string(fc)}, 2);
    Audio sum = sub;
    for (std::size_t i = 0; i < sum.samples.size(); ++i)
        sum.samples[i] += pre.samples[2 * i];

    for (const double f : freqs) {
        const double want_sub = lr4_db(true, f, fc, rate), want_pre = lr4_db(false, f, fc, rate);
        if (want_sub > -60.0) {
            EXPECT_NEAR(level_db(sub, 0, f, amplitude), want_sub, 0.05) << f << " Hz";
        }
        if (want_pre > -60.0) {
            for (int c = 0; c < 2; ++c)
                EXPECT_NEAR(level_db(pre, c, f, amplitude), want_pre, 0.05) << f << " Hz";
        }
        EXPECT_NEAR(level_db(sum, 0, f, amplitude), 0.0, 0.05) << f << " Hz";
    }
}

INSTANTIATE_TEST_SUITE_P(RatesAndCrossovers, Response,
                         ::testing::Combine(::testing::Values(44100, 48000, 96000),
                                            ::testing::Values(40.0, 80.0, 250.0)));

TEST_F(Bass, SubDelayIsExactlyRoundedFrames) {
    for (const int rate : {44100, 48000, 96000}) {
        const Audio in = make_impulse(static_cast<std::size_t>(rate) / 10, 100, rate);
        const Audio now = run(in, {"--crossover", "80", "--output", "sub"}, 1);
        const Audio later =
            run(in, {"--crossover", "80", "--output", "sub", "--sub-delay", "5"}, 1);
        const auto d = static_cast<std::size_t>(std::lround(5.0 * rate / 1000.0));
        ASSERT_NE(now.samples[100], 0.0f); // the low-pass answers at once
        std::vector<float> shifted(now.samples.size());
        std::copy(now.samples.begin(), now.samples.end() - static_cast<long>(d),
                  shifted.begin() + static_cast<long>(d));
        EXPECT_EQ(later.samples, shifted) << rate << " Hz: not " << d << " frames later";
        // The pre output is not delayed.
        const Audio pre_now = run(in, {"--crossover", "80"}, 2);
        EXPECT_TRUE(same_bits(run(in, {"--crossover", "80", "--sub-delay", "5"}, 2), pre_now));
    }
    EXPECT_EQ(std::lround(5.0 * 44100 / 1000.0), 221); // 220.5 frames: rounded up
}

TEST_F(Bass, SubLevelPolarityAndUnits) {
    const Audio in = make_tones({40.0}, 0.5, 2.0);
    const std::vector<std::string> sub{"--crossover", "80", "--output", "sub"};
    const auto with = [&](std::vector<std::string> extra) {
        extra.insert(extra.begin(), sub.begin(), sub.end());
        return run(in, extra, 1);
    };
    const Audio plain = with({});
    EXPECT_NEAR(level_db(with({"--sub-level", "-6"}), 0, 40, 0.5) - level_db(plain, 0, 40, 0.5),
                -6.0, 1e-4);
    EXPECT_NEAR(level_db(with({"--sub-level", "+10dB"}), 0, 40, 0.5) - level_db(plain, 0, 40, 0.5),
                10.0, 1e-4);
    Audio inverted = with({"--sub-polarity", "inverted"});
    for (auto& x : inverted.samples)
        x = -x;
    EXPECT_EQ(inverted.samples, plain.samples);
    EXPECT_EQ(with({"--sub-polarity", "normal"}).samples, plain.samples);
    // Units: 80Hz is 80, 5ms is 5.
    EXPECT_EQ(run(in, {"--crossover", "80Hz", "--output", "sub"}, 1).samples, plain.samples);
    EXPECT_EQ(with({"--sub-delay", "5ms"}).samples, with({"--sub-delay", "5"}).samples);
}

TEST_F(Bass, TwoSubChannelsAreTheLowPassedLeftAndRight) {
    Audio in = make_tones({40.0}, 0.5, 2.0);
    for (std::size_t i = 1; i < in.samples.size(); i += 2)
        in.samples[i] = 0.0f; // R silent
    const Audio sub = run(in, {"--crossover", "80", "--sub-channels", "2", "--output", "sub"}, 2);
    EXPECT_NEAR(level_db(sub, 0, 40.0, 0.5), lr4_db(true, 40.0, 80.0, 48000.0), 0.05);
    EXPECT_EQ(sub.channel(1), std::vector<float>(in.frames()));
    // With one, the mean: half of L.
    const Audio mean = run(in, {"--crossover", "80", "--sub-channels", "1", "--output", "sub"}, 1);
    EXPECT_NEAR(level_db(mean, 0, 40.0, 0.5), lr4_db(true, 40.0, 80.0, 48000.0) + db(0.5), 0.05);
}

TEST_F(Bass, SubFollowsVolumeAndMuteButNotMonoOrSwap) {
    Audio in = make_tones({40.0}, 0.5, 2.0);
    const std::vector<std::string> sub{"--crossover", "80", "--output", "sub"};
    const auto with = [&](std::vector<std::string> extra) {
        extra.insert(extra.begin(), sub.begin(), sub.end());
        return run(in, extra, 1);
    };
    const Audio plain = with({});
    EXPECT_NEAR(level_db(with({"--volume", "-20"}), 0, 40, 0.5) - level_db(plain, 0, 40, 0.5),
                -20.0, 1e-3);
    EXPECT_EQ(with({"--mute"}).samples, std::vector<float>(in.frames()));
    EXPECT_EQ(with({"--swap", "--polarity", "inverted,inverted"}).samples, plain.samples);
}

TEST_F(Bass, StateFileSubValuesApplyWithCrossoverOnly) {
    // Saved by a daemon with bass management, its sub off at 200 Hz, -6 dB, inverted.
    write_bytes(path("state"), "volume_db = 0\nsub_enabled = false\nsub_level_db = -6\n"
                               "crossover_hz = 200\nsub_delay_ms = 0\n"
                               "sub_polarity_inverted = true\n");
    const Audio in = make_tones({40.0}, 0.5, 2.0);
    const Audio plain = run(in, {"--crossover", "80", "--output", "sub"}, 1);
    // The level and polarity apply; --crossover sets the crossover and turns the sub on.
    Audio saved = run(in, {"--crossover", "80", "--output", "sub", "--state", path("state")}, 1);
    EXPECT_NEAR(level_db(saved, 0, 40, 0.5) - level_db(plain, 0, 40, 0.5), -6.0, 1e-4);
    Audio restored = run(in,
                         {"--crossover", "80", "--output", "sub", "--state", path("state"),
                          "--sub-level", "0", "--sub-polarity", "normal"},
                         1);
    EXPECT_EQ(restored.samples, plain.samples); // the options override the file
    // Without --crossover the sub values mean nothing, as to the daemon without a sub.
    EXPECT_TRUE(same_bits(run(in, {"--state", path("state")}, 2), in));
    // Out of range in the file: refused, naming the file.
    write_bytes(path("bad"), "sub_level_db = 40\n");
    write_raw(path("in.f32"), in);
    std::vector<std::string> a = raw_args(in);
    a.insert(a.end(), {"--crossover", "80", "--state", path("bad"), path("in.f32"), path("o.f32")});
    const Exit e = render(a);
    EXPECT_EQ(e.status, 1);
    EXPECT_NE(e.err.find(path("bad")), std::string::npos) << e.err;
    EXPECT_NE(e.err.find("-20 to 10 dB"), std::string::npos) << e.err;
}

TEST_F(Bass, StatsNameTheSubOutput) {
    const Audio in = make_tones({40.0}, 0.5, 0.5);
    write_raw(path("in.f32"), in);
    std::vector<std::string> a = raw_args(in);
    a.insert(a.end(), {"--crossover", "80", "--sub-delay", "2.5", "--output", "sub", "--stats",
                       path("in.f32"), path("out.f32")});
    const Exit e = render(a);
    ASSERT_EQ(e.status, 0) << e.err;
    for (const std::string text :
         {"the sub output", "crossover 80 Hz", "mains high-pass on", "sub level 0 dB",
          "sub delay 2.5 ms", "sub polarity normal", "sub channels 1", "\n  sub_out ", "\n  L ",
          "\n  R ", "mono off", "swap off", "polarity normal"})
        EXPECT_NE(e.err.find(text), std::string::npos) << text << " in\n" << e.err;
}

} // namespace
