// preamp-render's refusals: usage errors (status 2), rejected values and failed renders
// (status 1), each with a message, and never a partial or damaged output file.

#include "RenderTest.hpp"

#include <csignal>
#include <filesystem>
#include <sndfile.h>
#include <thread>

using namespace preamp::test;

namespace {

class Errors : public RenderTest {
protected:
    void SetUp() override {
        RenderTest::SetUp();
        if (IsSkipped()) return;
        in_ = make_sine(1000, 0.5, 0.2);
        write_raw(path("in.f32"), in_);
    }
    // A raw render of in.f32 to out.f32 with `extra` options.
    Exit raw(const std::vector<std::string>& extra) {
        std::vector<std::string> a = raw_args(in_);
        a.insert(a.end(), extra.begin(), extra.end());
        a.push_back(path("in.f32"));
        a.push_back(path("out.f32"));
        return render(a);
    }
    static bool says(const Exit& e, const std::string& text) {
        return e.err.find(text) != std::string::npos;
    }
    Audio in_;
};

TEST_F(Errors, UsageErrorsExitWithTwo) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--no-such-option", "a", "b"},
             {"-x", "a", "b"},
             {"only-one-file"},
             {"a", "b", "c"},
             {"--output", "side", "a", "b"},
             {"--raw", "a", "b"},
             {"--raw", "--rate", "48000", "a", "b"},
             {"--raw", "--channels", "2", "a", "b"},
             {"--raw", "--rate", "48000", "--channels", "9", "a", "b"},
             {"--rate", "48000", "a", "b"},
             {"a", "b", "--volume"}}) {
        const Exit e = render(args);
        EXPECT_EQ(e.status, 2) << args[0] << ": " << e.err;
        EXPECT_TRUE(says(e, "Try 'preamp-render --help'")) << e.err;
    }
    const Exit e = render({"--raw", "in", "out"});
    EXPECT_TRUE(says(e, "--rate")) << e.err;
}

TEST_F(Errors, BadValuesNameTheValueAndTheRange) {
    struct Case {
        std::vector<std::string> args;
        std::string value, range;
        int status;
    };
    for (const Case& c : std::vector<Case>{
             {{"--volume", "abc"}, "abc", "-120 to 24 dB", 2},
             {{"--volume", "-20x"}, "-20x", "-120 to 24 dB", 2},
             {{"--volume", "nan"}, "nan", "-120 to 24 dB", 1},
             {{"--volume", "inf"}, "inf", "-120 to 24 dB", 1},
             {{"--volume", "30"}, "30", "-120 to 24 dB", 1},
             {{"--bass", "30"}, "30", "-12 to 12 dB", 1},
             {{"--treble", "-12.5dB"}, "-12.5", "-12 to 12 dB", 1},
             {{"--balance", "1.5"}, "1.5", "-1 to 1", 1},
             {{"--trim", "25"}, "25", "-24 to 24 dB", 1},
             // Beyond a double, or a 32-bit int: as typed.
             {{"--volume", "1e999"}, "\"1e999\" is out of range", "-120 to 24 dB", 1},
             {{"--volume", "-1e999"}, "\"-1e999\" is out of range", "-120 to 24 dB", 1},
             {{"--volume", "-nan"}, "\"-nan\" is not a number", "-120 to 24 dB", 1},
             {{"--volume", "infinity"}, "\"infinity\"", "-120 to 24 dB", 1},
             {{"--volume", "4294967306"}, "\"4294967306\"", "-120 to 24 dB", 1},
             {{"--trim", "99999999999999999999999"},
              "\"99999999999999999999999\"",
              "-24 to 24 dB",
              1},
             {{"--bass", "0x10"}, "0x10", "-12 to 12 dB", 2},
             {{"--balance", "0.5 "}, "0.5 ", "-1 to 1", 2},
             {{"--treble", "dB"}, "dB", "-12 to 12 dB", 2},
             {{"--volume", ""}, "\"\"", "-120 to 24 dB", 2}}) {
        const Exit e = raw(c.args);
        EXPECT_EQ(e.status, c.status) << c.args[0] << " " << c.args[1] << ": " << e.err;
        EXPECT_TRUE(says(e, c.args[0] + " ") && says(e, c.value) && says(e, c.range)) << e.err;
        EXPECT_FALSE(dir_.entries().contains("out.f32"));
    }
}

TEST_F(Errors, SubOptionsNeedACrossover) {
    for (const auto& option : std::vector<std::vector<std::string>>{{"--mains-highpass"},
                                                                    {"--mains-highpass=off"},
                                                                    {"--sub-level", "0"},
                                                                    {"--sub-delay", "1"},
                                                                    {"--sub-polarity", "inverted"},
                                                                    {"--sub-channels", "2"},
                                                                    {"--output", "sub"}}) {
        const Exit e = raw(option);
        const std::string name = option.size() == 2 && option[0] == "--output"
                                     ? "--output sub"
                                     : option[0].substr(0, option[0].find('='));
        EXPECT_EQ(e.status, 2) << name << ": " << e.err;
        EXPECT_TRUE(says(e, name + " needs --crossover HZ")) << e.err;
        EXPECT_TRUE(says(e, "Try 'preamp-render --help'")) << e.err;
        EXPECT_FALSE(dir_.entries().contains("out.f32"));
        // With one, it renders.
        std::vector<std::string> with{"--crossover", "80"};
        with.insert(with.end(), option.begin(), option.end());
        EXPECT_EQ(raw(with).status, 0) << name;
        std::filesystem::remove(path("out.f32"));
    }
}

TEST_F(Errors, BassAndMonitorValuesNameTheValueAndWhatIsAllowed) {
    struct Case {
        std::vector<std::string> args;
        std::string says;
        int status;
    };
    for (const Case& c : std::vector<Case>{
             {{"--crossover", "30"}, "--crossover \"30\" is out of range: allowed 40 to 250 Hz", 1},
             {{"--crossover", "251"},
              "--crossover \"251\" is out of range: allowed 40 to 250 Hz",
              1},
             {{"--crossover", "nan"},
              "--crossover \"nan\" is not a number: allowed 40 to 250 Hz",
              1},
             {{"--crossover", "80dB"},
              "--crossover \"80dB\" is not a number: allowed 40 to 250 Hz",
              2},
             {{"--crossover", "80", "--sub-level", "11"},
              "--sub-level \"11\" is out of range: allowed -20 to 10 dB",
              1},
             {{"--crossover", "80", "--sub-level", "loud"},
              "--sub-level \"loud\" is not a number: allowed -20 to 10 dB",
              2},
             {{"--crossover", "80", "--sub-delay", "21"},
              "--sub-delay \"21\" is out of range: allowed 0 to 20 ms",
              1},
             {{"--crossover", "80", "--sub-delay", "-1ms"},
              "--sub-delay \"-1ms\" is out of range: allowed 0 to 20 ms",
              1},
             {{"--crossover", "80", "--sub-polarity", "upside-down"},
              "--sub-polarity \"upside-down\" is not allowed: expected normal or inverted",
              2},
             {{"--crossover", "80", "--sub-channels", "3"},
              "--sub-channels \"3\" is not allowed: expected a whole number from 1 to 2",
              2},
             {{"--crossover", "80", "--mains-highpass=maybe"},
              "--mains-highpass=maybe: expected on or off",
              2},
             {{"--mono=maybe"}, "--mono=maybe: expected on or off", 2},
             {{"--swap=2"}, "--swap=2: expected on or off", 2},
             {{"--polarity", "normal,upside"},
              "--polarity \"normal,upside\" is not allowed: expected normal or inverted for each "
              "channel, separated by commas",
              2},
             {{"--polarity", "normal,"}, "--polarity \"normal,\" is not allowed", 2},
             {{"--polarity", ""}, "--polarity \"\" is not allowed", 2},
             {{"--polarity", "normal,normal,normal,normal,normal,normal,normal,normal,normal"},
              "has 9 values: at most 8, one per channel",
              2},
             {{"--polarity", "inverted"},
              "--polarity \"inverted\" has 1 values: give one per channel of IN, which has 2 "
              "channels",
              1},
             {{"--polarity", "normal,inverted,normal"}, "has 3 values", 1},
             {{"--output", "side"},
              "--output \"side\" is not allowed: expected pre, rec or sub",
              2}}) {
        const Exit e = raw(c.args);
        EXPECT_EQ(e.status, c.status) << c.args[0] << ": " << e.err;
        EXPECT_TRUE(says(e, c.says)) << "wanted: " << c.says << "\ngot: " << e.err;
        EXPECT_FALSE(dir_.entries().contains("out.f32"));
    }
}

TEST_F(Errors, MonoInputRefusesWhatNeedsTwoChannels) {
    const Audio mono = make_sine(1000, 0.5, 0.1, 48000, 1);
    write_raw(path("mono.f32"), mono);
    for (const auto& [args, text] : std::vector<std::pair<std::vector<std::string>, std::string>>{
             {{"--swap"}, "--swap needs two channels: IN has 1 channel"},
             {{"--crossover", "80", "--sub-channels", "2"},
              "--sub-channels 2 needs a stereo IN, for a left and a right sub channel: IN has 1 "
              "channel"},
             {{"--polarity", "normal,normal"},
              "--polarity \"normal,normal\" has 2 values: give one per channel of IN, which has 1 "
              "channel"}}) {
        std::vector<std::string> a = raw_args(mono);
        a.insert(a.end(), args.begin(), args.end());
        a.insert(a.end(), {path("mono.f32"), path("out.f32")});
        const Exit e = render(a);
        EXPECT_EQ(e.status, 1) << args[0] << ": " << e.err;
        EXPECT_TRUE(says(e, text)) << "wanted: " << text << "\ngot: " << e.err;
        EXPECT_FALSE(dir_.entries().contains("out.f32"));
    }
    // A sound file's channels are known once it is open: still no OUT.
    Audio wav = make_sine(1000, 0.5, 0.1, 48000, 1);
    wav.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    write_sound(path("mono.wav"), wav);
    write_bytes(path("out.wav"), "precious");
    const Exit e = render({"--swap", path("mono.wav"), path("out.wav")});
    EXPECT_EQ(e.status, 1);
    EXPECT_TRUE(says(e, "IN has 1 channel")) << e.err;
    EXPECT_EQ(read_bytes(path("out.wav")), "precious");
    EXPECT_EQ(dir_.entries(), (std::set<std::string>{"in.f32", "mono.f32", "mono.wav", "out.wav"}));
}

TEST_F(Errors, CountsAreCheckedOnTheirFullValue) {
    for (const auto& [option, value] : std::vector<std::pair<std::string, std::string>>{
             {"--rate", "4294967297"}, // 2^32 + 1: 1 Hz if cut to 32 bits
             {"--rate", "18446744073709551617"},
             {"--rate", "1536001"},
             {"--rate", "0"},
             {"--rate", "48000.0"},
             {"--rate", "48k"},
             {"--rate", "-48000"},
             {"--rate", "+48000"},
             {"--rate", "0x10"},
             {"--rate", ""},
             {"--channels", "4294967298"}, // 2^32 + 2
             {"--channels", "2 "},
             {"--channels", "nan"}}) {
        std::vector<std::string> a{"--raw", "--rate", "48000",        "--channels",   "2",
                                   option,  value,    path("in.f32"), path("out.f32")};
        const Exit e = render(a);
        EXPECT_EQ(e.status, 2) << option << " " << value;
        const std::string range = option == "--rate" ? "1 to 1536000" : "1 to 8";
        EXPECT_TRUE(says(e, option + " \"" + value + "\"") && says(e, range)) << e.err;
        EXPECT_FALSE(dir_.entries().contains("out.f32"));
    }
}

TEST_F(Errors, TinyValuesAreZero) {
    // Too small for a double is 0, well within range, not "no number".
    const Exit e = raw({"--balance", "1e-400", "--volume", "-1e-999dB"});
    EXPECT_EQ(e.status, 0) << e.err;
    EXPECT_TRUE(same_bits(read_raw(path("out.f32"), 2), in_));
}

TEST_F(Errors, MissingInputCreatesNoOutput) {
    for (const bool raw_input : {true, false}) {
        std::vector<std::string> a;
        if (raw_input) a = raw_args(in_);
        a.push_back(path("missing.wav"));
        a.push_back(path("out.wav"));
        const Exit e = render(a);
        EXPECT_EQ(e.status, 1);
        EXPECT_TRUE(says(e, "preamp-render: ") && says(e, "missing.wav")) << e.err;
        EXPECT_EQ(dir_.entries(), (std::set<std::string>{"in.f32"}));
    }
}

TEST_F(Errors, FailedRenderLeavesTheOldOutputAlone) {
    write_bytes(path("out.wav"), "precious");
    Audio wav = make_sine(1000, 0.5, 1.0);
    wav.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    write_sound(path("whole.wav"), wav);
    const std::string bytes = read_bytes(path("whole.wav"));
    write_bytes(path("cut.wav"), bytes.substr(0, bytes.size() / 2));
    wav.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    write_sound(path("whole.flac"), wav);
    const std::string flac = read_bytes(path("whole.flac"));
    write_bytes(path("cut.flac"), flac.substr(0, flac.size() * 2 / 3));
    write_bytes(path("garbage.wav"), "RIFF\x10\0\0\0WAVEfmt nonsense");
    const auto before = dir_.entries();

    for (const std::string name : {"cut.wav", "cut.flac", "garbage.wav"}) {
        const Exit e = render({path(name), path("out.wav")});
        EXPECT_EQ(e.status, 1) << name;
        EXPECT_TRUE(says(e, name)) << e.err;
        EXPECT_EQ(read_bytes(path("out.wav")), "precious") << name;
        EXPECT_EQ(dir_.entries(), before) << name << ": a temporary file was left behind";
    }

    // Raw input that ends in the middle of a frame fails after the output was begun.
    write_bytes(path("odd.f32"), raw_bytes(in_) + "xyz");
    std::vector<std::string> a = raw_args(in_);
    a.insert(a.end(), {path("odd.f32"), path("out.wav")});
    const Exit e = render(a);
    EXPECT_EQ(e.status, 1);
    EXPECT_TRUE(says(e, "middle of a frame")) << e.err;
    EXPECT_EQ(read_bytes(path("out.wav")), "precious");
    EXPECT_EQ(dir_.entries().size(), before.size() + 1); // odd.f32
}

TEST_F(Errors, SignalRemovesTheTemporaryFile) {
    Redirect io;
    io.stdin_pipe = true;
    std::vector<std::string> a = raw_args(in_);
    a.insert(a.end(), {"-", path("out.f32")});
    Process p = start(a, io);
    p.feed(raw_bytes(in_)); // the render is now waiting for more
    for (int i = 0; i < 500 && dir_.entries().size() < 2; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ASSERT_EQ(dir_.entries().size(), 2u) << "no temporary output appeared";
    ::kill(p.pid(), SIGTERM);
    const Exit e = p.wait();
    EXPECT_EQ(e.signal, SIGTERM);
    EXPECT_EQ(dir_.entries(), (std::set<std::string>{"in.f32"}));
}

TEST_F(Errors, HelpAndVersion) {
    Exit e = render({"--help"});
    EXPECT_EQ(e.status, 0);
    EXPECT_EQ(e.out.rfind("Usage: preamp-render", 0), 0u) << e.out;
    EXPECT_NE(e.out.find("--volume"), std::string::npos);
    e = render({"--version"});
    EXPECT_EQ(e.status, 0);
    EXPECT_EQ(e.out.rfind("preamp-render ", 0), 0u) << e.out;
}

} // namespace
