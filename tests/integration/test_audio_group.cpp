// The system-bus policy's <policy group="audio">, on a system-like private bus with a
// real preampd: members of audio control preampd, other users only read it. Test users
// (TestUsers) exist only in the user database the bus and the clients see.

#include "DaemonFixture.hpp"
#include "TestUsers.hpp"

#include <gtest/gtest.h>
#include <map>
#include <set>
#include <unistd.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

constexpr uid_t kMember = 64101;   // preamp-member, in audio
constexpr uid_t kStranger = 64102; // preamp-stranger, in no group but its own

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class AudioGroupTest : public DaemonTest {
protected:
    void SetUp() override {
        DaemonTest::SetUp();
        if (IsSkipped()) return;
        if (::geteuid() != 0) GTEST_SKIP() << "needs root to act as other users";
        users.add("preamp-member", kMember, kMember, {"audio"});
        users.add("preamp-stranger", kStranger, kStranger);
        if (const auto why = users.unusable()) GTEST_SKIP() << *why;
        bus.reset();
        bus.emplace(
            PrivateBus::SystemLike{PREAMPD_SOURCE_DIR "/config/org.preampd.Preamp.conf", &users});
        write_config();
        start_daemon({"--system"}); // as root, which the policy lets own the name
        ASSERT_TRUE(running());
        ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    }

    /// busctl set-property Volume through `prefix`.
    PrivateBus::Result set_volume(const std::vector<std::string>& prefix, const std::string& db) {
        return bus->call_as(prefix,
                            {"set-property", kName, kPath, kInterface, "Volume", "--", "d", db});
    }
    PrivateBus::Result step_volume(const std::vector<std::string>& prefix, const std::string& db) {
        return bus->call_as(prefix,
                            {"call", kName, kPath, kInterface, "StepVolume", "--", "d", db});
    }
    /// preampctl --system ARGS through `prefix`; nothing when PREAMPCTL is not set.
    std::optional<RunResult> preampctl(const std::vector<std::string>& prefix,
                                       const std::vector<std::string>& args) {
        const auto program = program_from_env("PREAMPCTL");
        if (!program) return std::nullopt;
        std::vector<std::string> all{"--system"};
        all.insert(all.end(), args.begin(), args.end());
        return run(
            *program, all,
            ProcessOptions{.jack_server = {}, .env = bus->env(), .log_file = {}, .prefix = prefix});
    }

    TestUsers users;
};

TEST_F(AudioGroupTest, MembersOfAudioControlAndOthersOnlyRead) {
    const auto member = users.login("preamp-member");
    const auto stranger = users.login("preamp-stranger");

    auto r = set_volume(member, "-20");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(get("Volume"), "d -20");
    r = step_volume(member, "2");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "d -18\n");

    r = set_volume(stranger, "-40");
    EXPECT_NE(r.status, 0);
    EXPECT_TRUE(contains(r.out, "Access denied")) << r.out;
    r = step_volume(stranger, "-3");
    EXPECT_NE(r.status, 0);
    EXPECT_TRUE(contains(r.out, "Access denied")) << r.out;
    EXPECT_EQ(get("Volume"), "d -18") << "a refused call changes nothing";
    r = bus->call_as(stranger, {"get-property", kName, kPath, kInterface, "Volume"});
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "d -18\n");

    if (!program_from_env("PREAMPCTL")) GTEST_SKIP() << "PREAMPCTL is not set";
    auto ctl = preampctl(member, {"volume", "-25dB"});
    EXPECT_EQ(ctl->status, 0) << ctl->out;
    EXPECT_EQ(get("Volume"), "d -25");
    ctl = preampctl(stranger, {"volume", "3dB+"});
    EXPECT_EQ(ctl->status, 1) << "refused: " << ctl->out;
    EXPECT_EQ(ctl->out, "preampctl: setting volume needs root or group audio; you are uid 64102 "
                        "(preamp-stranger), not in group audio (sudo usermod -aG audio "
                        "preamp-stranger, then log in again)\n");
    ctl = preampctl(stranger, {"volume"});
    EXPECT_EQ(ctl->status, 0) << ctl->out;
    EXPECT_EQ(ctl->out, "-25 dB\n");
    EXPECT_EQ(get("Volume"), "d -25");
}

// The methods org.preampd.Preamp1.xml marks read-only (org.preampd.Method.ReadOnly), one
// per line of the policy's default context; every other method of the interface.
struct Methods {
    std::set<std::string> read_only, others;
};
Methods methods_in_the_xml() {
    const std::string xml = read_file(PREAMPD_SOURCE_DIR "/src/dbus/org.preampd.Preamp1.xml");
    const Pattern method(
        "<method name=\"(\\w+)\"[^>/]*>([^]*?)</method>|<method name=\"(\\w+)\"/>");
    Methods m;
    for (const auto& found : method.all_in(xml)) {
        const bool marked =
            contains(found[2], "name=\"org.preampd.Method.ReadOnly\" value=\"true\"");
        const std::string name = !found[1].empty() ? found[1] : found[3];
        (marked ? m.read_only : m.others).insert(name);
    }
    return m;
}
std::set<std::string> read_only_in_the_policy() {
    const std::string conf = read_file(PREAMPD_SOURCE_DIR "/config/org.preampd.Preamp.conf");
    const Pattern allow("send_interface=\"org\\.preampd\\.Preamp1\" send_member=\"(\\w+)\"");
    std::set<std::string> names;
    for (const auto& found : allow.all_in(conf))
        names.insert(found[1]);
    return names;
}

TEST_F(AudioGroupTest, AnyoneReadsEverythingAndCallsTheReadOnlyMethodsOnly) {
    const Methods methods = methods_in_the_xml();
    EXPECT_EQ(methods.read_only, (std::set<std::string>{"GetLevels", "GetMeters"}));
    EXPECT_EQ(methods.others.count("StepVolume"), 1u);
    EXPECT_EQ(read_only_in_the_policy(), methods.read_only) << "the policy follows the XML";

    const auto stranger = users.login("preamp-stranger");
    for (const std::vector<std::string>& read :
         {std::vector<std::string>{"introspect", kName, kPath},
          {"call", kName, kPath, "org.freedesktop.DBus.Properties", "GetAll", "s", kInterface}}) {
        const auto r = bus->call_as(stranger, read);
        EXPECT_EQ(r.status, 0) << read[0] << ": " << r.out;
    }
    for (const auto& name : methods.read_only) {
        const auto r = bus->call_as(stranger, {"call", kName, kPath, kInterface, name});
        EXPECT_EQ(r.status, 0) << name << ": " << r.out;
    }
    const std::map<std::string, std::vector<std::string>> args = {
        {"StepVolume", {"--", "d", "-3"}}};
    for (const auto& name : methods.others) {
        std::vector<std::string> call{"call", kName, kPath, kInterface, name};
        if (args.count(name)) call.insert(call.end(), args.at(name).begin(), args.at(name).end());
        const auto r = bus->call_as(stranger, call);
        EXPECT_NE(r.status, 0) << name;
        EXPECT_TRUE(contains(r.out, "Access denied")) << name << ": " << r.out;
    }
    EXPECT_EQ(get("Volume"), "d -12") << "a refused call changes nothing";

    if (!program_from_env("PREAMPCTL")) GTEST_SKIP() << "PREAMPCTL is not set";
    auto ctl = preampctl(stranger, {"levels"});
    EXPECT_EQ(ctl->status, 0) << ctl->out;
    EXPECT_TRUE(contains(ctl->out, "pre_out_L")) << ctl->out;
    ctl = preampctl(stranger, {"mute", "on"});
    EXPECT_EQ(ctl->status, 1) << ctl->out;
    EXPECT_TRUE(contains(ctl->out, "preampctl: setting mute needs root or group audio; you are "
                                   "uid 64102 (preamp-stranger)"))
        << ctl->out;
    // Saving changes the state file: a change, not a read.
    ctl = preampctl(stranger, {"save"});
    EXPECT_EQ(ctl->status, 1) << ctl->out;
    EXPECT_TRUE(contains(ctl->out, "preampctl: saving the state needs root or group audio; you "
                                   "are uid 64102 (preamp-stranger)"))
        << ctl->out;
    ctl = preampctl(users.login("preamp-member"), {"save"});
    EXPECT_EQ(ctl->status, 0) << ctl->out;
    EXPECT_EQ(ctl->out, "");
}

// dbus-daemon (1.14, on Linux) takes a caller's groups from its socket (SO_PEERGROUPS):
// those of the process when it connected, not what /etc/group says now. A user added to
// audio must log in again; a unit's SupplementaryGroups=audio counts.
TEST_F(AudioGroupTest, TheBusGoesByTheCallersOwnGroupsNotByTheUserDatabase) {
    const gid_t audio = users.gid("audio");
    const auto listed_but_without = set_volume(run_as(kMember, kMember), "-20");
    EXPECT_NE(listed_but_without.status, 0);
    EXPECT_TRUE(contains(listed_but_without.out, "Access denied")) << listed_but_without.out;
    EXPECT_EQ(get("Volume"), "d -12");

    const auto unlisted_but_with = set_volume(run_as(kStranger, kStranger, {audio}), "-20");
    EXPECT_EQ(unlisted_but_with.status, 0) << unlisted_but_with.out;
    EXPECT_EQ(get("Volume"), "d -20");
}

} // namespace
} // namespace preamp::test
