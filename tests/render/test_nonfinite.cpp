// preamp-render never writes Inf or NaN: what comes out of the engine as Inf is written as
// full scale, NaN as silence, counted in --stats and warned about; samples beyond full
// scale are kept by float outputs, clipped by integer ones, and counted alike.

#include "RenderTest.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sndfile.h>
#include <sstream>

using namespace preamp::test;

namespace {

class NonFinite : public RenderTest {
protected:
    // A float sine at half scale, with four samples so large that +24 dB overflows
    // them (left at frames 100, 200, 300; right at 150).
    void SetUp() override {
        RenderTest::SetUp();
        if (IsSkipped()) return;
        in_ = make_sine(1000, 0.5, 0.1, 48000, 2);
        for (const std::size_t i : {200u, 400u, 600u})
            in_.samples[i] = 3e38f;
        in_.samples[301] = -3e38f;
        in_.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
        write_sound(path("in.wav"), in_);
    }
    static bool all_finite(const Audio& a) {
        return std::all_of(a.samples.begin(), a.samples.end(),
                           [](float x) { return std::isfinite(x); });
    }
    // "out clips" of each channel and the count of replaced samples, from --stats.
    static std::string counts(const std::string& err) {
        std::string s;
        std::istringstream lines(err);
        for (std::string line; std::getline(lines, line);) {
            if (line.rfind("  L ", 0) == 0 || line.rfind("  R ", 0) == 0)
                s += line.substr(2, 1) + ":" + line.substr(line.find_last_of(' ') + 1) + " ";
            if (line.find("non-finite samples replaced") != std::string::npos) s += line;
        }
        return s;
    }
    Audio in_;
};

TEST_F(NonFinite, FloatWavGetsFullScaleForInf) {
    const Exit e = render({"--volume", "24", "--stats", path("in.wav"), path("out.wav")});
    ASSERT_EQ(e.status, 0) << e.err;
    const Audio out = read_sound(path("out.wav"));
    ASSERT_EQ(out.format, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
    EXPECT_TRUE(all_finite(out));
    EXPECT_EQ(out.samples[200], 1.0f);
    EXPECT_EQ(out.samples[301], -1.0f);
    // The rest keeps its +24 dB, beyond full scale: a float file holds it.
    EXPECT_GT(*std::max_element(out.samples.begin() + 800, out.samples.end()), 7.0f);
    EXPECT_NE(e.err.find("non-finite samples replaced: 4\n"), std::string::npos) << e.err;
    EXPECT_NE(e.err.find("warning: 4 samples came out as Inf or NaN"), std::string::npos) << e.err;
}

TEST_F(NonFinite, RawOutputToo) {
    write_raw(path("in.f32"), in_);
    std::vector<std::string> a = raw_args(in_);
    a.insert(a.end(), {"--volume", "24", path("in.f32"), path("out.f32")});
    const Exit e = render(a);
    ASSERT_EQ(e.status, 0) << e.err;
    const Audio out = read_raw(path("out.f32"), 2);
    EXPECT_TRUE(all_finite(out));
    EXPECT_EQ(out.samples[600], 1.0f);
    EXPECT_NE(e.err.find("warning: 4 samples"), std::string::npos) << e.err;
}

TEST_F(NonFinite, IntegerOutputClipsAndCountsTheSame) {
    const Exit f = render({"--volume", "24", "--stats", path("in.wav"), path("out.wav")});
    const Exit i = render({"--volume", "24", "--stats", path("in.wav"), path("out.flac")});
    ASSERT_EQ(f.status, 0) << f.err;
    ASSERT_EQ(i.status, 0) << i.err;
    EXPECT_EQ(counts(i.err), counts(f.err)) << f.err << i.err;
    EXPECT_NE(counts(i.err).find("L:4"), std::string::npos) << i.err; // about 4410
    const Audio out = read_sound(path("out.flac"));
    ASSERT_EQ(out.format, SF_FORMAT_FLAC | SF_FORMAT_PCM_24);
    const auto [lo, hi] = std::minmax_element(out.samples.begin(), out.samples.end());
    EXPECT_GE(*lo, -1.0f);
    EXPECT_LE(*hi, 1.0f);
    EXPECT_GT(*hi, 0.999f);
}

TEST_F(NonFinite, RecOutputCarriesNoInfOrNan) {
    in_.samples[800] = std::numeric_limits<float>::infinity();
    in_.samples[1001] = std::numeric_limits<float>::quiet_NaN();
    write_sound(path("in.wav"), in_);
    const Exit e = render({"--output", "rec", "--stats", path("in.wav"), path("rec.wav")});
    ASSERT_EQ(e.status, 0) << e.err;
    const Audio out = read_sound(path("rec.wav"));
    EXPECT_TRUE(all_finite(out));
    EXPECT_EQ(out.samples[800], 1.0f);
    EXPECT_EQ(out.samples[1001], 0.0f);
    EXPECT_EQ(out.samples[200], 3e38f); // finite: bit-exact
    EXPECT_NE(e.err.find("non-finite samples replaced: 2\n"), std::string::npos) << e.err;
}

} // namespace
