// preamp-render on sound files: type, rate, channels and sample format preserved, levels
// right, the output type chosen by the extension.

#include "RenderTest.hpp"

#include <algorithm>
#include <cstdlib>
#include <sndfile.h>

using namespace preamp::test;

namespace {

class Files : public RenderTest {};

TEST_F(Files, FloatWavKeepsItsFormatAndGetsTheGain) {
    Audio in = make_sine(440, 0.5, 0.5, 44100, 2);
    in.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    write_sound(path("in.wav"), in);
    const Exit e = render({"--volume", "-6", path("in.wav"), path("out.wav")});
    ASSERT_EQ(e.status, 0) << e.err;
    const Audio out = read_sound(path("out.wav"));
    EXPECT_EQ(out.format, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
    EXPECT_EQ(out.rate, 44100);
    EXPECT_EQ(out.channels, 2);
    ASSERT_EQ(out.frames(), in.frames());
    for (int c = 0; c < 2; ++c)
        EXPECT_NEAR(gain_db(out, in, c), -6.0, 0.01);
}

// libsndfile writes a PEAK chunk into float WAVs unless told not to: only on request.
TEST_F(Files, AFloatWavGetsAPeakChunkOnlyWithPeakChunk) {
    Audio in = make_sine(440, 0.5, 0.1, 48000, 2);
    in.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    write_sound(path("in.wav"), in);
    ASSERT_NE(read_bytes(path("in.wav")).find("PEAK"), std::string::npos)
        << "the test's own writer is libsndfile, which adds one by default";
    Exit e = render({"--volume", "-6", path("in.wav"), path("plain.wav")});
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_EQ(read_bytes(path("plain.wav")).find("PEAK"), std::string::npos);
    e = render({"--volume", "-6", "--peak-chunk", path("in.wav"), path("peak.wav")});
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_NE(read_bytes(path("peak.wav")).find("PEAK"), std::string::npos);
    // The audio is the same either way.
    EXPECT_EQ(read_sound(path("plain.wav")).samples, read_sound(path("peak.wav")).samples);
}

TEST_F(Files, Pcm16WavIsBitExactWhenNeutral) {
    Audio in = make_sine(1000, 0.7, 0.5, 48000, 2);
    in.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    write_sound(path("in.wav"), in);
    Exit e = render({path("in.wav"), path("out.wav")});
    ASSERT_EQ(e.status, 0) << e.err;
    const Audio out = read_sound(path("out.wav"));
    EXPECT_EQ(out.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
    EXPECT_EQ(out.rate, 48000);
    EXPECT_EQ(read_shorts(path("out.wav")), read_shorts(path("in.wav")));

    e = render({"--volume", "-12", path("in.wav"), path("quiet.wav")});
    ASSERT_EQ(e.status, 0) << e.err;
    const Audio quiet = read_sound(path("quiet.wav"));
    EXPECT_EQ(quiet.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
    for (int c = 0; c < 2; ++c)
        EXPECT_NEAR(gain_db(quiet, read_sound(path("in.wav")), c), -12.0, 0.01);
}

TEST_F(Files, IntegerOutputClipsInsteadOfWrapping) {
    Audio in = make_sine(1000, 0.9, 0.1, 48000, 1);
    in.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    write_sound(path("in.wav"), in);
    const Exit e = render({"--volume", "12", path("in.wav"), path("out.wav")});
    ASSERT_EQ(e.status, 0) << e.err;
    // +12 dB takes the peaks to about 3.6 full scale. Wrapped around, a peak would jump
    // to the other rail between two samples.
    const auto s = read_shorts(path("out.wav"));
    for (std::size_t i = 1; i < s.size(); ++i)
        ASSERT_LT(std::abs(s[i] - s[i - 1]), 32768) << i;
    const Audio out = read_sound(path("out.wav"));
    EXPECT_GT(*std::max_element(out.samples.begin(), out.samples.end()), 0.99f);
}

TEST_F(Files, OutputTypeFollowsTheExtension) {
    Audio in = make_sine(1000, 0.5, 0.25, 48000, 2);
    in.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    write_sound(path("in.wav"), in);

    Exit e = render({path("in.wav"), path("out.flac")});
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_EQ(read_sound(path("out.flac")).format, SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
    EXPECT_EQ(read_shorts(path("out.flac")), read_shorts(path("in.wav")));

    e = render({path("in.wav"), path("out.AIFF")});
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_EQ(read_sound(path("out.AIFF")).format, SF_FORMAT_AIFF | SF_FORMAT_PCM_16);

    // Float input: FLAC takes no float, so 24-bit.
    in.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    write_sound(path("float.wav"), in);
    e = render({path("float.wav"), path("float.flac")});
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_EQ(read_sound(path("float.flac")).format, SF_FORMAT_FLAC | SF_FORMAT_PCM_24);

    // No extension: the input's type.
    e = render({path("in.wav"), path("plain")});
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_EQ(read_sound(path("plain")).format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);

    e = render({path("in.wav"), path("out.mp3")});
    EXPECT_EQ(e.status, 1);
    EXPECT_NE(e.err.find(".mp3"), std::string::npos) << e.err;
    EXPECT_FALSE(dir_.entries().contains("out.mp3"));
}

TEST_F(Files, StdoutTakesWhatStreams) {
    Audio in = make_sine(1000, 0.5, 0.25, 48000, 2);
    in.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    write_sound(path("in.flac"), in);
    Redirect io;
    io.stdin_file = path("in.flac");
    Exit e = render({"-", "-"}, io);
    ASSERT_EQ(e.status, 0) << e.err;
    write_bytes(path("piped.flac"), e.out);
    EXPECT_EQ(read_shorts(path("piped.flac")), read_shorts(path("in.flac")));

    // A WAV header needs seeking back: not on a pipe.
    in.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    write_sound(path("in.wav"), in);
    e = render({path("in.wav"), "-"});
    EXPECT_EQ(e.status, 1);
    EXPECT_NE(e.err.find("--raw"), std::string::npos) << e.err;
}

} // namespace
