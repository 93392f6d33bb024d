// One jackd shared between users, as the system units set it up: jackd runs as user
// jackd, preampd as user preampd, both members of audio and both with
// JACK_PROMISCUOUS_SERVER=audio; preampd serves the system-like bus under its policy.
// JACK 1.9.21 then names the server's socket and semaphores without the uid and gives
// its files to the group audio (rw-rw----).

#include "DaemonFixture.hpp"
#include "TestUsers.hpp"

#include <cstdlib>
#include <gtest/gtest.h>
#include <jack/metadata.h>
#include <thread>
#include <unistd.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

constexpr uid_t kJackd = 64111;
constexpr uid_t kPreampd = 64112;
constexpr uid_t kOutsider = 64113; // not in audio
constexpr const char* kShared = "JACK_PROMISCUOUS_SERVER=audio";
// What systemd gives a system user (adduser --system) of the units.
constexpr const char* kHome = "HOME=/nonexistent";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class SharedJackTest : public DaemonTest {
protected:
    void SetUp() override {
        const auto program = program_from_env("PREAMPD");
        if (!program) GTEST_SKIP() << "PREAMPD is not set";
        preampd_ = *program;
        if (!program_from_env("JACK_LSP")) GTEST_SKIP() << "JACK_LSP is not set";
        if (::geteuid() != 0) GTEST_SKIP() << "needs root to run jackd and preampd as other users";
        users.add("jackd", kJackd, kJackd, {"audio"});
        users.add("preampd", kPreampd, kPreampd, {"audio"});
        users.add("preamp-outsider", kOutsider, kOutsider);
        if (const auto why = users.unusable()) GTEST_SKIP() << *why;

        // This process's clients (the probe, and jack_ready in JackServer) need the same
        // naming; libjack reads the variable at its first use in the process.
        ::setenv("JACK_PROMISCUOUS_SERVER", "audio", 1);
        server.set_launch({.prefix = users.login("jackd"), .env = {kShared, kHome}});
        server.start(JackServer::unique_name("sj"));
        bus.emplace(
            PrivateBus::SystemLike{PREAMPD_SOURCE_DIR "/config/org.preampd.Preamp.conf", &users});
        // preampd's config and state file: its own directory, as StateDirectory= gives it.
        ASSERT_EQ(::chown(dir.path().c_str(), kPreampd, users.gid("preampd")), 0);
        write_config();
        open_probe();
    }
    void TearDown() override {
        DaemonTest::TearDown();
        server.stop();
        for (const uid_t uid : {kJackd, kPreampd, kOutsider})
            JackServer::forget_user(uid);
    }

    /// preampd --system as user preampd, with the unit's UMask=0077, through `prefix` and
    /// with `env` added.
    void start_preampd(std::vector<std::string> prefix, std::vector<std::string> env) {
        prefix.insert(prefix.begin(), {"sh", "-c", "umask 0077 && exec \"$@\"", "sh"});
        const auto login = users.login("preampd");
        prefix.insert(prefix.end(), login.begin(), login.end());
        env.push_back(kHome);
        for (const auto& e : bus->env())
            env.push_back(e);
        daemon.emplace(
            preampd_, std::vector<std::string>{"--config", config_path(), "--system"},
            ProcessOptions{
                .jack_server = server.name(), .env = env, .log_file = {}, .prefix = prefix});
    }
    /// The JACK tool named by the environment variable `var` (JACK_LSP…), run with ARGS on
    /// the server as user `name`, with JACK_PROMISCUOUS_SERVER.
    RunResult jack_tool_as(const std::string& name, const char* var,
                           const std::vector<std::string>& args = {}) {
        return run(program_from_env(var).value_or(var), args,
                   ProcessOptions{.jack_server = server.name(),
                                  .env = {kShared, kHome},
                                  .log_file = {},
                                  .prefix = users.login(name)});
    }

    TestUsers users;
};

TEST_F(SharedJackTest, PreampdPlaysOnTheServerOfAnotherUserWithTheVariable) {
    start_preampd({}, {kShared});
    ASSERT_TRUE(running());
    EXPECT_TRUE(bus->wait_for_name(kName, 3s)) << "the policy lets user preampd own its name";
    EXPECT_EQ(get("State"), "s \"running\"");

    // Its ports, as the user of jackd sees them.
    const auto lsp = jack_tool_as("jackd", "JACK_LSP");
    EXPECT_EQ(lsp.status, 0) << lsp.out;
    EXPECT_TRUE(contains(lsp.out, "preamp:rec_out_L\n")) << lsp.out;
    EXPECT_TRUE(contains(lsp.out, "preamp:pre_out_R\n")) << lsp.out;

    // And its audio, recorded by a client of a third user (root).
    ASSERT_TRUE(probe->wait_for_connection("preamp:rec_out_R", "probe:rec_R", 2s));
    play_for(0.1); // past the fade-in
    probe->record(0.5);
    for (const char* port : {"rec_L", "rec_R"}) {
        const auto rec = probe->samples(port);
        const long long at = locate(rec, 10 * 48000);
        ASSERT_GE(at, 0) << port << " is not the source";
        EXPECT_TRUE(runs_on(rec, at, jack_period)) << port << " must be bit-exact";
    }

    // JACK 1.9.21 keeps port metadata per user (/dev/shm/jack_db-UID): the pretty names
    // preampd gives its ports are seen by its own user's clients only.
    EXPECT_EQ(probe->property("preamp:cd_L", JACK_METADATA_PRETTY_NAME), std::nullopt);
    if (!program_from_env("JACK_PROPERTY")) GTEST_SKIP() << "JACK_PROPERTY is not set";
    EXPECT_TRUE(contains(jack_tool_as("preampd", "JACK_PROPERTY", {"-l", "-p", "preamp:cd_L"}).out,
                         "value: CD Player L\n"));
    EXPECT_FALSE(contains(jack_tool_as("jackd", "JACK_PROPERTY", {"-l", "-p", "preamp:cd_L"}).out,
                          "CD Player"));
}

TEST_F(SharedJackTest, WithoutTheVariableOrTheGroupTheServerIsOutOfReach) {
    start_preampd({"env", "-u", "JACK_PROMISCUOUS_SERVER"}, {});
    ASSERT_TRUE(daemon->wait_for_log(Pattern("Waiting for JACK"), 5s)) << daemon->log();
    ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    EXPECT_FALSE(probe->wait_for_port("preamp:rec_out_L", 1500ms)) << "it tried again meanwhile";
    EXPECT_EQ(get("State"), "s \"waiting-for-jack\"");

    // With the variable but outside audio: the server's socket is rw-rw---- jackd:audio.
    const auto outsider = jack_tool_as("preamp-outsider", "JACK_LSP");
    EXPECT_NE(outsider.status, 0) << outsider.out;
    EXPECT_FALSE(contains(outsider.out, "system:")) << outsider.out;
    const auto member = jack_tool_as("preampd", "JACK_LSP");
    EXPECT_EQ(member.status, 0) << member.out;
    EXPECT_TRUE(contains(member.out, "system:playback_1\n")) << member.out;
}

} // namespace
} // namespace preamp::test
