// preampd's state file on a real daemon: SaveState (through dbus-send and through
// `preampctl save`) and the stop when the file cannot be written (a read-only
// directory, a full disk), the temporary files a killed preampd leaves, and the file's
// mode. The unwritable directories are made for preampd alone,
// in a mount namespace of its own (root ignores permission bits, not a read-only mount).

#include "DaemonFixture.hpp"

#include <csignal>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class StateTest : public DaemonTest {
protected:
    void SetUp() override {
        DaemonTest::SetUp();
        if (IsSkipped()) return;
        if (::geteuid() != 0) GTEST_SKIP() << "needs root for a mount namespace";
    }

    /// preampd runs after `script` (sh, as root, in a mount namespace of its own).
    void mount_first(const std::string& script) {
        daemon_prefix = {"unshare",
                         "--mount",
                         "--propagation",
                         "private",
                         "sh",
                         "-c",
                         script + " && exec \"$@\"",
                         "sh"};
    }
    /// The config, with the state file at `state` instead of state_path().
    void move_state_to(const std::string& state) {
        std::string text = read_file(config_path());
        const auto at = text.find(state_path());
        ASSERT_NE(at, std::string::npos);
        text.replace(at, state_path().size(), state);
        std::ofstream(config_path()) << text;
    }
    /// preampd sees the test's directory, and so its state file, read-only.
    void read_only_state_directory() {
        const std::string d = dir.path();
        mount_first("mount --bind " + d + " " + d + " && mount -o remount,bind,ro " + d);
    }
    /// The state file in a 4 KiB tmpfs that a filler has left no room in; its path.
    std::string state_on_a_full_disk() {
        const std::string full = dir.path() / "full";
        fs::create_directory(full);
        move_state_to(full + "/state");
        mount_first("mount -t tmpfs -o size=4k tmpfs " + full + " && (cat /dev/zero > " + full +
                    "/filler 2>/dev/null; true)");
        return full + "/state";
    }
    void start() {
        open_probe();
        start_daemon();
        ASSERT_TRUE(running()) << daemon->log();
        ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    }
    /// SaveState through dbus-send, which prints the error's name.
    RunResult save_state() {
        return run("dbus-send",
                   {"--bus=" + bus->address(), "--print-reply", "--dest=" + std::string(kName),
                    kPath, std::string(kInterface) + ".SaveState"});
    }
    /// The real preampctl ARGS ($PREAMPCTL) on the private bus; nothing when PREAMPCTL is
    /// not set (the caller skips).
    std::optional<RunResult> preampctl(const std::vector<std::string>& args) {
        const auto program = program_from_env("PREAMPCTL");
        if (!program) return std::nullopt;
        ProcessOptions o;
        o.env = bus->env();
        return run(*program, args, o);
    }
    /// SIGTERM; the stop must be clean (status 0) and its log true about the state.
    void expect_stop_without_saving(const std::string& os_error) {
        daemon->signal(SIGTERM);
        const auto status = daemon->wait_exit(3s);
        ASSERT_TRUE(status.has_value());
        EXPECT_EQ(*status, 0) << describe_status(*status);
        const std::string log = daemon->log();
        EXPECT_TRUE(contains(log, "error: Cannot save the state: ")) << log;
        EXPECT_TRUE(contains(log, os_error)) << log;
        EXPECT_TRUE(contains(log, "warning: Stopped; the state could not be saved to ")) << log;
        EXPECT_FALSE(contains(log, "state saved to")) << "a stop that saved nothing\n" << log;
    }
};

TEST_F(StateTest, SaveStateFailsOnAReadOnlyDirectoryAndSaysWhy) {
    write_config();
    std::ofstream(state_path()) << "volume_db = -25\nsource = cd\n";
    read_only_state_directory();
    start();
    EXPECT_EQ(get("Volume"), "d -25") << "a read-only directory is read";
    ASSERT_EQ(set("Volume", "d", "-20").status, 0);

    const auto r = save_state();
    EXPECT_NE(r.status, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "org.preampd.Error.SaveFailed")) << r.out;
    EXPECT_TRUE(contains(r.out, state_path())) << r.out;
    EXPECT_TRUE(contains(r.out, "Read-only file system")) << r.out;
    EXPECT_EQ(read_file(state_path()), "volume_db = -25\nsource = cd\n") << "as it was";
    expect_stop_without_saving("Read-only file system");
}

TEST_F(StateTest, SaveStateFailsOnAFullDiskAndLeavesNothingBehind) {
    write_config();
    const std::string state = state_on_a_full_disk();
    start();
    ASSERT_EQ(set("Volume", "d", "-20").status, 0);

    const auto r = save_state();
    EXPECT_NE(r.status, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "org.preampd.Error.SaveFailed")) << r.out;
    EXPECT_TRUE(contains(r.out, state)) << r.out;
    EXPECT_TRUE(contains(r.out, "No space left on device")) << r.out;
    expect_stop_without_saving("No space left on device");
}

TEST_F(StateTest, SaveStateSucceedsAndTheFileIsNotForOthers) {
    write_config();
    start();
    ASSERT_EQ(set("Volume", "d", "-20").status, 0);
    const auto r = save_state();
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_TRUE(contains(read_file(state_path()), "volume_db = -20\n"));
    struct stat st {};
    ASSERT_EQ(::stat(state_path().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u) << std::oct << (st.st_mode & 07777);
}

TEST_F(StateTest, PreampctlSaveWritesTheStateAtOnceAndPrintsNothing) {
    if (!program_from_env("PREAMPCTL")) GTEST_SKIP() << "PREAMPCTL is not set";
    write_config();
    start();
    ASSERT_EQ(set("Volume", "d", "-20").status, 0);
    // The save a second after the change would write the same: the file is read at once.
    auto r = preampctl({"save"});
    EXPECT_EQ(r->status, 0) << r->out;
    EXPECT_EQ(r->out, "") << "nothing to say on success";
    EXPECT_TRUE(contains(read_file(state_path()), "volume_db = -20\n")) << read_file(state_path());

    ASSERT_EQ(set("Volume", "d", "-31").status, 0);
    r = preampctl({"--json", "save"});
    EXPECT_EQ(r->status, 0) << r->out;
    EXPECT_EQ(r->out, "{}\n") << "--json: one object, as every command prints";
    EXPECT_TRUE(contains(read_file(state_path()), "volume_db = -31\n")) << read_file(state_path());
}

TEST_F(StateTest, PreampctlSaveOnAReadOnlyDirectoryExits1AndSaysWhy) {
    if (!program_from_env("PREAMPCTL")) GTEST_SKIP() << "PREAMPCTL is not set";
    write_config();
    std::ofstream(state_path()) << "volume_db = -25\nsource = cd\n";
    read_only_state_directory();
    start();
    ASSERT_EQ(set("Volume", "d", "-20").status, 0);

    const auto r = preampctl({"save"});
    EXPECT_EQ(r->status, 1) << r->out;
    EXPECT_TRUE(r->out.starts_with("preampctl: cannot save the state: ")) << r->out;
    EXPECT_TRUE(contains(r->out, state_path())) << r->out;
    EXPECT_TRUE(contains(r->out, ": Read-only file system\n")) << r->out;
    EXPECT_FALSE(contains(r->out, "Try 'preampctl --help'")) << "no usage error\n" << r->out;
    EXPECT_EQ(read_file(state_path()), "volume_db = -25\nsource = cd\n") << "as it was";
    EXPECT_TRUE(daemon->alive()) << "a failed save stops nothing";
}

TEST_F(StateTest, PreampctlSaveOnAFullDiskExits1AndSaysWhy) {
    if (!program_from_env("PREAMPCTL")) GTEST_SKIP() << "PREAMPCTL is not set";
    write_config();
    const std::string state = state_on_a_full_disk();
    start();
    ASSERT_EQ(set("Volume", "d", "-20").status, 0);

    const auto r = preampctl({"--json", "save"});
    EXPECT_EQ(r->status, 1) << r->out;
    EXPECT_TRUE(r->out.starts_with("preampctl: cannot save the state: ")) << r->out;
    EXPECT_TRUE(contains(r->out, state)) << r->out;
    EXPECT_TRUE(contains(r->out, "No space left on device")) << r->out;
    EXPECT_FALSE(contains(r->out, "{")) << "no JSON for a failure\n" << r->out;
}

// A preampd killed while saving leaves its temporary file; the next one removes it at
// start, and nothing else, and keeps the state.
TEST_F(StateTest, StaleTemporaryFilesAreRemovedAtStart) {
    write_config();
    std::ofstream(state_path()) << "volume_db = -25\nsource = cd\n";
    const fs::path d = dir.path();
    std::ofstream(d / "state.tmp-AbC123") << "";
    std::ofstream(d / "state.tmp-x9Y8z7") << "# preampd state: written by preampd\nmute = tr";
    std::ofstream(d / "state.backup") << "# preampd state: a copy by hand\n";
    std::ofstream(d / "state.tmp-notes1") << "mine\n";
    start();
    EXPECT_FALSE(fs::exists(d / "state.tmp-AbC123"));
    EXPECT_FALSE(fs::exists(d / "state.tmp-x9Y8z7"));
    EXPECT_TRUE(fs::exists(d / "state.backup"));
    EXPECT_TRUE(fs::exists(d / "state.tmp-notes1"));
    EXPECT_TRUE(contains(daemon->log(), "Removed " + (d / "state.tmp-AbC123").string()))
        << daemon->log();
    EXPECT_EQ(get("Volume"), "d -25");
}

// Issue 11's values in a saved state that the config cannot hold (no bass management, no
// set "z", three polarities for two channels) fall back one by one, without a warning;
// the rest of the state is restored, and the next save writes what was made of it.
TEST_F(StateTest, NewValuesTheConfigCannotHoldFallBackOneByOne) {
    write_config();
    std::ofstream(state_path()) << "volume_db = -25\nsource = cd\nmono = true\n"
                                   "polarity = inverted, normal, inverted\nspeakers = z, a\n"
                                   "sub_enabled = true\nsub_level_db = 5\ncrossover_hz = 900\n";
    start();
    EXPECT_EQ(get("Volume"), "d -25") << "the state was restored, not dropped";
    EXPECT_FALSE(contains(daemon->log(), "warning")) << daemon->log();
    const auto r = save_state();
    ASSERT_EQ(r.status, 0) << r.out;
    const std::string saved = read_file(state_path());
    for (const char* line :
         {"volume_db = -25\n", "mono = true\n", "polarity = normal, normal\n", "speakers = a\n"})
        EXPECT_TRUE(contains(saved, line)) << line << " not in\n" << saved;
    EXPECT_FALSE(contains(saved, "sub_")) << "no bass management, no sub values\n" << saved;
}

} // namespace
} // namespace preamp::test
