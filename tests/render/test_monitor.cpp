// preamp-render's monitor controller: --mono, --swap and --polarity on the pre output,
// and the rec output left alone by all of them and by bass management.

#include "RenderTest.hpp"

using namespace preamp::test;

namespace {

class Monitor : public RenderTest {
protected:
    void SetUp() override {
        RenderTest::SetUp();
        if (IsSkipped()) return;
        in_ = make_noise(20000, 2);
    }
    // A raw render of `in` (in_ by default) with `extra`; the output as it came.
    Audio run(const std::vector<std::string>& extra) { return run(in_, extra); }
    Audio run(const Audio& in, const std::vector<std::string>& extra) {
        return render_raw(in, extra, in.channels);
    }
    Audio in_;
};

std::vector<float> negated(std::vector<float> v) {
    for (auto& x : v)
        x = -x;
    return v;
}

TEST_F(Monitor, MonoIsTheMeanOnBothChannels) {
    const Audio out = run({"--mono"});
    const auto l = in_.channel(0), r = in_.channel(1);
    for (int c = 0; c < 2; ++c) {
        const auto y = out.channel(c);
        ASSERT_EQ(y.size(), l.size());
        for (std::size_t i = 0; i < y.size(); ++i)
            ASSERT_NEAR(y[i], (l[i] + r[i]) / 2.0f, 1e-6f) << "channel " << c << ", frame " << i;
    }
    EXPECT_TRUE(same_bits(run({"--mono=off"}), in_));
}

TEST_F(Monitor, SwapExchangesTheChannels) {
    const Audio out = run({"--swap"});
    EXPECT_EQ(out.channel(0), in_.channel(1));
    EXPECT_EQ(out.channel(1), in_.channel(0));
    EXPECT_TRUE(same_bits(run({"--swap=off"}), in_));
}

TEST_F(Monitor, PolarityInvertsTheChannelsNamed) {
    Audio out = run({"--polarity", "normal,inverted"});
    EXPECT_EQ(out.channel(0), in_.channel(0));
    EXPECT_EQ(out.channel(1), negated(in_.channel(1)));
    out = run({"--polarity", "inverted, normal"}); // spaces as in the state file
    EXPECT_EQ(out.channel(0), negated(in_.channel(0)));
    EXPECT_EQ(out.channel(1), in_.channel(1));
    EXPECT_TRUE(same_bits(run({"--polarity", "normal,normal"}), in_));

    // One channel, one value.
    const Audio mono = make_noise(5000, 1);
    EXPECT_EQ(run(mono, {"--polarity", "inverted"}).samples, negated(mono.samples));
    EXPECT_TRUE(same_bits(run(mono, {"--mono"}), mono)); // the mean of one is itself
}

TEST_F(Monitor, MonoThenSwapThenPolarity) {
    // The polarity is the output channel's: after the swap, R is the inverted L.
    Audio out = run({"--swap", "--polarity", "normal,inverted"});
    EXPECT_EQ(out.channel(0), in_.channel(1));
    EXPECT_EQ(out.channel(1), negated(in_.channel(0)));
    out = run({"--mono", "--polarity", "normal,inverted"});
    const auto l = out.channel(0), r = out.channel(1);
    EXPECT_EQ(r, negated(l));
}

TEST_F(Monitor, RecOutputIsTheInputWhateverElseIsOn) {
    const Audio out =
        run({"--output", "rec", "--mono", "--swap", "--polarity", "inverted,normal", "--crossover",
             "120", "--sub-level", "6", "--sub-delay", "3", "--volume", "-10", "--bass", "6"});
    EXPECT_TRUE(same_bits(out, in_));
}

TEST_F(Monitor, StateFileSwitchesApplyAndOptionsOverrideThem) {
    write_bytes(path("state"), "volume_db = 0\nmono = false\nswap = true\n"
                               "polarity = normal, inverted\n");
    Audio out = run({"--state", path("state")});
    EXPECT_EQ(out.channel(0), in_.channel(1));
    EXPECT_EQ(out.channel(1), negated(in_.channel(0)));
    out = run({"--state", path("state"), "--swap=off", "--polarity", "normal,normal"});
    EXPECT_TRUE(same_bits(out, in_));
    // A state saved for two channels on a one-channel IN: its swap and polarity do not
    // fit and are dropped, as the daemon drops them.
    const Audio mono = make_noise(5000, 1);
    EXPECT_TRUE(same_bits(run(mono, {"--state", path("state")}), mono));
    // And one saved for one channel on a stereo IN.
    write_bytes(path("one"), "volume_db = 0\npolarity = inverted\n");
    EXPECT_TRUE(same_bits(run({"--state", path("one")}), in_));
}

} // namespace
