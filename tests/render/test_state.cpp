// --state: a preampd state file as the starting point, overridden by the options.

#include "RenderTest.hpp"

using namespace preamp::test;

namespace {

class State : public RenderTest {
protected:
    void SetUp() override {
        RenderTest::SetUp();
        if (IsSkipped()) return;
        in_ = make_sine(1000, 0.5, 0.25);
        write_raw(path("in.f32"), in_);
    }
    Exit run(const std::vector<std::string>& extra) {
        std::vector<std::string> a = raw_args(in_);
        a.insert(a.end(), extra.begin(), extra.end());
        a.insert(a.end(), {path("in.f32"), path("out.f32")});
        return render(a);
    }
    double gain() { return gain_db(read_raw(path("out.f32"), 2), in_, 0); }
    Audio in_;
};

TEST_F(State, FileSetsTheValuesAndOptionsOverrideThem) {
    // Written by a daemon whose sources are cd and phono: the source is ignored.
    write_bytes(path("state"), "# preampd state\nvolume_db = -12\nmute = false\nsource = cd\n"
                               "rec_source = phono\nbalance = 0\n");
    Exit e = run({"--state", path("state")});
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_NEAR(gain(), -12.0, 0.01);

    e = run({"--state", path("state"), "--volume", "-3"});
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_NEAR(gain(), -3.0, 0.01);

    e = run({"--volume", "-3", "--state", path("state")}); // order does not matter
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_NEAR(gain(), -3.0, 0.01);

    write_bytes(path("muted"), "mute = true\n");
    e = run({"--state", path("muted")});
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_EQ(read_raw(path("out.f32"), 2).samples, std::vector<float>(in_.samples.size()));
    e = run({"--state", path("muted"), "--mute=off"});
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_NEAR(gain(), 0.0, 1e-6);
}

TEST_F(State, CorruptFileFailsNamingTheLine) {
    write_bytes(path("state"), "volume_db = -12\nvolume_db = loud\n");
    const Exit e = run({"--state", path("state")});
    EXPECT_EQ(e.status, 1);
    EXPECT_NE(e.err.find(path("state") + ":2"), std::string::npos) << e.err;
    EXPECT_FALSE(dir_.entries().contains("out.f32"));
}

TEST_F(State, OutOfRangeValueInTheFileNamesTheFile) {
    write_bytes(path("state"), "bass_db = 40\n");
    const Exit e = run({"--state", path("state")});
    EXPECT_EQ(e.status, 1);
    EXPECT_NE(e.err.find(path("state")), std::string::npos) << e.err;
    EXPECT_NE(e.err.find("-12 to 12 dB"), std::string::npos) << e.err;
}

TEST_F(State, MissingFileFails) {
    const Exit e = run({"--state", path("nowhere")});
    EXPECT_EQ(e.status, 1);
    EXPECT_NE(e.err.find("nowhere"), std::string::npos) << e.err;
}

} // namespace
