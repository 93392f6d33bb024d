// preampd's log lines: sd-daemon priority prefixes ("<3>") only when stderr is the
// journal (JOURNAL_STREAM names stderr's device and inode, as systemd sets it), plain
// text elsewhere; and what it says while it waits for JACK.

#include "DaemonFixture.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class LogTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto program = program_from_env("PREAMPD");
        if (!program) GTEST_SKIP() << "PREAMPD is not set";
        preampd = *program;
        std::ofstream{log_path()}; // exists before preampd writes to it, for its inode
    }
    [[nodiscard]] std::string log_path() const { return dir / "log"; }
    /// "DEVICE:INODE" of `path`, as systemd puts it in JOURNAL_STREAM.
    static std::string journal_stream(const std::string& path) {
        struct stat st {};
        EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
        return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
    }
    /// preampd with a config file that is not there: it logs one error and exits 1.
    RunResult run_failing(const std::vector<std::string>& env) {
        const auto r = run(preampd, {"--config", dir / "absent.conf"},
                           ProcessOptions{.jack_server = {}, .env = env, .log_file = log_path()});
        EXPECT_EQ(r.status, 1) << r.out;
        return r;
    }

    std::string preampd;
    TempDir dir;
};

TEST_F(LogTest, PrefixesWhenStderrIsTheJournal) {
    const auto r = run_failing({"JOURNAL_STREAM=" + journal_stream(log_path())});
    EXPECT_EQ(r.out.rfind("<3>", 0), 0u) << r.out;
    EXPECT_TRUE(contains(r.out, "absent.conf")) << r.out;
}

TEST_F(LogTest, PlainTextWhenStderrIsNotTheJournal) {
    for (const std::vector<std::string>& env :
         {std::vector<std::string>{"JOURNAL_STREAM="},      // unset in effect: no number in it
          {"JOURNAL_STREAM=" + journal_stream(dir.path())}, // another file: a redirect
          {"JOURNAL_STREAM=" + journal_stream(log_path()) + "x"}}) {
        std::ofstream(log_path(), std::ios::trunc).flush();
        const auto r = run_failing(env);
        EXPECT_EQ(r.out.rfind("error: ", 0), 0u) << env[0] << "\n" << r.out;
        EXPECT_FALSE(contains(r.out, "<3>")) << env[0] << "\n" << r.out;
    }
}

// A short run with no JACK server: information lines have no prefix either, and the wait
// names the server it tried.
TEST_F(LogTest, APlainRunNamesTheJackServerItWaitsFor) {
    std::ofstream(dir / "preampd.conf")
        << "inputs = ( { name = \"cd\"; } );\nstate: { file = \"" << dir / "state"
        << "\"; };\n";
    PrivateBus bus;
    ProcessOptions o{.jack_server = "preamp-no-such-server", .env = bus.env(), .log_file = {}};
    DaemonProcess daemon(preampd, {"--config", dir / "preampd.conf"}, o);
    EXPECT_TRUE(daemon.wait_for_log(
        Pattern("(^|\n)Waiting for JACK: cannot connect to JACK server \"preamp-no-such-server\": "
                "no server running"),
        5s))
        << daemon.log();
    EXPECT_FALSE(contains(daemon.log(), "<6>")) << daemon.log();
    EXPECT_EQ(daemon.terminate(), 0);
}

} // namespace
} // namespace preamp::test
