// preamp-render on raw float32: bit-exact paths, exact gains, the bass shelf, stdin and
// stdout, any channel count.

#include "RenderTest.hpp"
#include "Signals.hpp"
#include "core/Config.hpp"
#include "dsp/Biquad.hpp"

#include <cmath>
#include <complex>

using namespace preamp::test;

namespace {

std::vector<std::string> cat(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

class Raw : public RenderTest {};

TEST_F(Raw, NeutralSettingsAreBitExact) {
    const Audio in = make_noise(48000, 2);
    write_raw(path("in.f32"), in);
    const Exit e = render(cat(raw_args(in), {path("in.f32"), path("out.f32")}));
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_TRUE(same_bits(read_raw(path("out.f32"), 2), in));
    EXPECT_EQ(dir_.entries(), (std::set<std::string>{"in.f32", "out.f32"}));
}

TEST_F(Raw, VolumeIsExact) {
    const Audio in = make_sine(1000, 0.5, 1.0);
    write_raw(path("in.f32"), in);
    for (const std::string v : {"-20", "-20dB", "-20 dB"}) {
        SCOPED_TRACE(v);
        const Exit e = render(cat(raw_args(in), {"--volume", v, path("in.f32"), path("out.f32")}));
        if (v == "-20 dB") { // the value is one word
            EXPECT_EQ(e.status, 2) << e.err;
            continue;
        }
        ASSERT_EQ(e.status, 0) << e.err;
        const Audio out = read_raw(path("out.f32"), 2);
        ASSERT_EQ(out.samples.size(), in.samples.size());
        for (int c = 0; c < 2; ++c)
            EXPECT_NEAR(gain_db(out, in, c), -20.0, 0.01);
    }
}

TEST_F(Raw, RecOutputIsBitExactUnderAnySettings) {
    const Audio in = make_noise(30000, 2);
    write_raw(path("in.f32"), in);
    const Exit e =
        render(cat(raw_args(in), {"--output", "rec", "--volume", "-33.3", "--bass", "7", "--treble",
                                  "-5", "--balance", "0.4", "--trim", "6", "--loudness", "--dim",
                                  "--mute", path("in.f32"), path("out.f32")}));
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_TRUE(same_bits(read_raw(path("out.f32"), 2), in));
}

TEST_F(Raw, BassShelfMatchesTheRbjLowShelf) {
    constexpr double kFs = 48000, kF = 50, kAmp = 0.25;
    const Audio in = make_sine(kF, kAmp, 1.0, static_cast<int>(kFs), 1);
    write_raw(path("in.f32"), in);
    const Exit e = render(cat(raw_args(in), {"--bass", "6", path("in.f32"), path("out.f32")}));
    ASSERT_EQ(e.status, 0) << e.err;

    const double f0 = preamp::core::Config{}.tone.bass.freq_hz;
    const double want =
        db(std::abs(preamp::dsp::Biquad::low_shelf(kFs, f0, 6.0).response(kFs, kF)));
    const auto out = read_raw(path("out.f32"), 1).channel(0);
    const std::size_t settle = 12000; // 0.25 s
    const double got = db(tone_amplitude(out, settle, out.size(), kF, kFs) / kAmp);
    EXPECT_NEAR(got, want, 0.05);
    EXPECT_GT(got, 3.0); // a real boost, not a no-op
}

TEST_F(Raw, StdinToStdout) {
    const Audio in = make_noise(20000, 2);
    write_raw(path("in.f32"), in);
    Redirect io;
    io.stdin_file = path("in.f32");
    io.stdout_file = path("out.f32");
    const Exit e = render(cat(raw_args(in), {"--volume", "0", "-", "-"}), io);
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_TRUE(same_bits(read_raw(path("out.f32"), 2), in));
}

TEST_F(Raw, PipeInPipeOutInOddPieces) {
    // Pieces of 1000 bytes split frames: the reader must carry the halves over.
    const Audio in = make_noise(20000, 2);
    Redirect io;
    io.stdin_pipe = true;
    Process p = start(cat(raw_args(in), {"-", "-"}), io);
    p.feed(raw_bytes(in), 1000);
    const Exit e = p.wait();
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_EQ(e.out, raw_bytes(in));
}

TEST_F(Raw, AnyChannelCountUpToEight) {
    for (int channels : {1, 3, 8}) {
        SCOPED_TRACE(channels);
        const Audio in = make_noise(10001, channels, static_cast<unsigned>(channels));
        write_raw(path("in.f32"), in);
        Exit e = render(cat(raw_args(in), {path("in.f32"), path("out.f32")}));
        ASSERT_EQ(e.status, 0) << e.err;
        EXPECT_TRUE(same_bits(read_raw(path("out.f32"), channels), in));

        // Balance turns channel 0 down and leaves every channel past 1 alone.
        e = render(cat(raw_args(in), {"--balance", "0.5", path("in.f32"), path("out.f32")}));
        ASSERT_EQ(e.status, 0) << e.err;
        const Audio out = read_raw(path("out.f32"), channels);
        EXPECT_NEAR(gain_db(out, in, 0), db(0.5), 0.01);
        if (channels > 2) {
            EXPECT_EQ(out.channel(2), in.channel(2));
        }
    }
}

TEST_F(Raw, StatsSummarise) {
    const Audio in = make_sine(1000, 0.5, 0.5);
    write_raw(path("in.f32"), in);
    const Exit e =
        render(cat(raw_args(in), {"--stats", "--volume", "-6", path("in.f32"), path("out.f32")}));
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_NE(e.err.find("24000 frames"), std::string::npos) << e.err;
    EXPECT_NE(e.err.find("volume -6 dB"), std::string::npos) << e.err;
    EXPECT_NE(e.err.find("-6.02 dBFS"), std::string::npos) << e.err;  // input peak
    EXPECT_NE(e.err.find("-12.02 dBFS"), std::string::npos) << e.err; // output peak
}

} // namespace
