// `preampd --check-config`, the real binary as a process, on the files issue 10 found
// accepted or hanging: a 2^32+10 trim, a non-UTF-8 label, an @include of a FIFO (and a
// FIFO as the file itself). Each must be refused, with its place, within 1 s. And issue
// 11's bass management and speaker sets, described or refused.

#include "DaemonProcess.hpp"
#include "TempDir.hpp"

#include <chrono>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

class CheckConfig : public ::testing::Test {
protected:
    void SetUp() override {
        const auto exe = program_from_env("PREAMPD");
        if (!exe) GTEST_SKIP() << "PREAMPD is not set";
        preampd_ = *exe;
    }

    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name, std::ios::binary) << text;
        return dir_ / name;
    }

    // --check-config of `path` must exit 1 within 1 s, printing `message`.
    void expect_refused(const std::string& path, const std::string& message) {
        const auto start = std::chrono::steady_clock::now();
        const RunResult r = run(preampd_, {"--check-config", "--config", path}, {}, 1s);
        EXPECT_LT(std::chrono::steady_clock::now() - start, 1s) << path;
        EXPECT_EQ(r.status, 1) << r.out;
        EXPECT_NE(r.out.find(message), std::string::npos) << r.out;
    }

    std::string preampd_;
    TempDir dir_;
};

TEST_F(CheckConfig, RefusesATrimPast32Bits) {
    expect_refused(write("t.conf", "inputs = ( { name = \"cd\";\n trim_db = 4294967306; } );\n"),
                   dir_ / "t.conf" + ":2: inputs.[0].trim_db 4294967306 dB is out of range");
}

TEST_F(CheckConfig, RefusesALabelThatIsNotUtf8) {
    expect_refused(write("t.conf", "inputs = ( { name = \"cd\"; label = \"Caf\xe9\"; } );\n"),
                   dir_ / "t.conf" + ":1: inputs.[0].label: not valid UTF-8 at byte 4");
}

TEST_F(CheckConfig, RefusesAFifoAtOnce) {
    ASSERT_EQ(::mkfifo((dir_ / "fifo.conf").c_str(), 0600), 0);
    expect_refused(write("t.conf", "inputs = ( { name = \"cd\"; } );\n@include \"fifo.conf\"\n"),
                   dir_ / "t.conf" + ":2: @include \"fifo.conf\": " + dir_ / "fifo.conf" +
                       ": is a FIFO: only regular files are allowed");
    expect_refused(dir_ / "fifo.conf", dir_ / "fifo.conf" + ": is a FIFO");
}

// Issue 11's outputs are described as the other groups are, and refused on their line.
TEST_F(CheckConfig, DescribesBassManagementAndSpeakerSets) {
    const std::string conf = write(
        "t.conf", "inputs = ( { name = \"cd\"; } );\n"
                  "outputs = { sub_out = { connect = [\"system:playback_3\"]; }; };\n"
                  "speakers = ( { name = \"b\"; label = \"Nearfields\"; trim_db = -2.0; } );\n"
                  "bass_management = { crossover_hz = 90; sub_delay_ms = 2; };\n");
    const RunResult r = run(preampd_, {"--check-config", "--config", conf}, {}, 1s);
    EXPECT_EQ(r.status, 0) << r.out;
    for (const char* part :
         {"a \"Main\": pre_out, on at start",
          "b \"Nearfields\", trim -2 dB, delay 0 ms, off at start, not connected",
          "bass management: LR4 crossover at 90 Hz, pre_out high-passed, sub_out mono",
          "delay 2 ms", "sub_out: sub_out -> system:playback_3"})
        EXPECT_NE(r.out.find(part), std::string::npos) << part << " not in\n" << r.out;

    expect_refused(write("t.conf", "inputs = ( { name = \"cd\"; } );\n"
                                   "bass_management = {\n crossover_hz = 300; };\n"),
                   dir_ / "t.conf" +
                       ":3: bass_management.crossover_hz 300 Hz is out of range: allowed 40 "
                       "to 250 Hz");
}

} // namespace
} // namespace preamp::test
