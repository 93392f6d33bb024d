// preamp-render on sound files whose header declares more audio than they hold: refused
// with both numbers, whatever the declared size (up to 2^32 - 1 bytes in a WAV) and
// however the file reaches it; rendered as far as it goes, with a warning, on --partial.

#include "RenderTest.hpp"

#include <cmath>
#include <cstdint>
#include <sndfile.h>

using namespace preamp::test;

namespace {

void put(std::string& s, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i)
        s += static_cast<char>(v >> (8 * i) & 0xff);
}

// A stereo 16-bit 48 kHz WAV header, by hand: `junk` chunks of 4 bytes before the data
// chunk, whose size field says `declared`.
std::string wav_header(std::uint32_t declared, int junk = 0) {
    std::string chunks;
    for (int i = 0; i < junk; ++i) {
        chunks += "junk";
        put(chunks, 4, 4);
        put(chunks, 0, 4);
    }
    std::string h = "RIFF";
    put(h, 36 + static_cast<std::uint32_t>(chunks.size()) + declared, 4); // wraps, as it may
    h += "WAVEfmt ";
    put(h, 16, 4);
    put(h, 1, 2); // PCM
    put(h, 2, 2);
    put(h, 48000, 4);
    put(h, 48000 * 4, 4);
    put(h, 4, 2);
    put(h, 16, 2);
    h.append(chunks).append("data");
    put(h, declared, 4);
    return h;
}

// 8 KB of audio: 2048 stereo frames of a sine.
std::string audio_bytes() {
    std::string s;
    for (int i = 0; i < 4096; ++i)
        put(s, static_cast<std::uint16_t>(std::lround(10000.0 * std::sin(0.05 * i))), 2);
    return s;
}

class Truncated : public RenderTest {
protected:
    static bool says(const Exit& e, const std::string& text) {
        return e.err.find(text) != std::string::npos;
    }
    static std::string truncation(const std::string& name, std::uint64_t declared,
                                  std::uint64_t held) {
        return name + ": truncated: header declares " + std::to_string(declared) +
               " frames, file holds " + std::to_string(held);
    }
};

TEST_F(Truncated, EveryShortWavIsRefusedWithBothNumbers) {
    // 7 KB short; sox's header on a pipe; just below, at and above 2^31; up to 2^32 - 1.
    for (const std::uint32_t declared : {8192u + 7168u, 0x7ffff000u, 0x7ffffffcu, 0x7fffffffu,
                                         0x80000000u, 0x80000004u, 0xfffffffcu, 0xffffffffu}) {
        write_bytes(path("in.wav"), wav_header(declared) + audio_bytes());
        const Exit e = render({path("in.wav"), path("out.wav")});
        EXPECT_EQ(e.status, 1) << declared;
        EXPECT_TRUE(says(e, truncation(path("in.wav"), declared / 4, 2048))) << e.err;
        EXPECT_TRUE(says(e, "--partial")) << e.err;
        EXPECT_FALSE(dir_.entries().contains("out.wav")) << declared;
    }
}

TEST_F(Truncated, ManyChunksBeforeTheDataDoNotHideIt) {
    // More than libsndfile's 2 KB log holds.
    write_bytes(path("in.wav"), wav_header(0x80000000u, 400) + audio_bytes());
    const Exit e = render({path("in.wav"), path("out.wav")});
    EXPECT_EQ(e.status, 1);
    EXPECT_TRUE(says(e, truncation(path("in.wav"), 0x20000000, 2048))) << e.err;
}

TEST_F(Truncated, WholeFilesRenderWithoutAWord) {
    write_bytes(path("in.wav"), wav_header(8192) + audio_bytes());
    Exit e = render({path("in.wav"), path("out.wav")});
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_EQ(e.err, "");
    EXPECT_EQ(read_shorts(path("out.wav")).size(), 4096u);

    // More bytes than declared: the rest is not audio.
    write_bytes(path("in.wav"), wav_header(4096) + audio_bytes());
    e = render({path("in.wav"), path("out.wav")});
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_EQ(e.err, "");
    EXPECT_EQ(read_shorts(path("out.wav")).size(), 2048u);
}

TEST_F(Truncated, PartialRendersWhatIsThereAndSaysSo) {
    write_bytes(path("in.wav"), wav_header(0x80000000u) + audio_bytes());
    write_bytes(path("whole.wav"), wav_header(8192) + audio_bytes());
    const Exit e = render({"--partial", path("in.wav"), path("out.wav")});
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_TRUE(says(e, "warning: " + truncation(path("in.wav"), 0x20000000, 2048))) << e.err;
    EXPECT_EQ(read_shorts(path("out.wav")), read_shorts(path("whole.wav")));
}

TEST_F(Truncated, StandardInputFileOrPipe) {
    const std::string bytes = wav_header(0x80000000u) + audio_bytes();
    write_bytes(path("in.wav"), bytes);
    Redirect file;
    file.stdin_file = path("in.wav");
    Exit e = render({"-", path("out.wav")}, file);
    EXPECT_EQ(e.status, 1);
    EXPECT_TRUE(says(e, truncation("standard input", 0x20000000, 2048))) << e.err;

    // A pipe's length is known at its end only.
    for (const bool partial : {false, true}) {
        Redirect pipe;
        pipe.stdin_pipe = true;
        Process p = start({partial ? "--partial" : "--stats", "-", path("out.wav")}, pipe);
        p.feed(bytes);
        p.close_stdin();
        e = p.wait();
        EXPECT_EQ(e.status, partial ? 0 : 1) << e.err;
        EXPECT_TRUE(says(e, truncation("standard input", 0x20000000, 2048))) << e.err;
        EXPECT_EQ(dir_.entries().contains("out.wav"), partial) << e.err;
    }
    EXPECT_EQ(read_shorts(path("out.wav")).size(), 4096u);
}

TEST_F(Truncated, OtherContainersCutShort) {
    Audio in = make_sine(1000, 0.5, 0.1, 48000, 2); // 4800 frames, 4 bytes each
    for (const int type : {SF_FORMAT_AIFF, SF_FORMAT_W64, SF_FORMAT_RF64, SF_FORMAT_CAF}) {
        in.format = type | SF_FORMAT_PCM_16;
        write_sound(path("whole"), in);
        const std::string bytes = read_bytes(path("whole"));
        write_bytes(path("cut"), bytes.substr(0, bytes.size() - 4000));
        const Exit e = render({path("cut"), path("out.wav")});
        EXPECT_EQ(e.status, 1) << type;
        EXPECT_TRUE(says(e, truncation(path("cut"), 4800, 3800))) << type << ": " << e.err;
    }
}

TEST_F(Truncated, PartialIsForSoundFiles) {
    const Exit e = render({"--raw", "--rate", "48000", "--channels", "2", "--partial", "a", "b"});
    EXPECT_EQ(e.status, 2);
    EXPECT_TRUE(says(e, "--partial")) << e.err;
}

} // namespace
