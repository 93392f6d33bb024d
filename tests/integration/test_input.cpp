// Input devices on the real daemon: a FIFO in a directory of the test's own
// ($PREAMPD_INPUT_DIR) stands in for /dev/input/event*, and the test writes recorded
// struct input_event into it: the default key map (volume, mute, sources, standby, a
// dial), key repeat, hot-plug (a device that comes after the start, goes and comes back),
// garbage ignored; Surfaces says what is read. With /dev/uinput, a real evdev device too.

#include "DaemonFixture.hpp"
#include "InputFeeder.hpp"
#include "Pattern.hpp"
#include "PollUntil.hpp"

#include <cmath>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <linux/input.h>
#include <linux/uinput.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

class InputTest : public DaemonTest {
protected:
    // preampd reading `devices` (a libconfig list body), its input directory dir/input.
    void start_with(const std::string& devices, const std::string& more = "") {
        std::filesystem::create_directory(input_dir());
        extra_env.push_back("PREAMPD_INPUT_DIR=" + input_dir());
        extra_settings = "input: { enabled = true; devices = [" + devices + "]; " + more + " };";
        write_config();
        open_probe();
        start_daemon();
        ASSERT_TRUE(running()) << daemon->log();
        ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    }
    [[nodiscard]] std::string input_dir() const { return dir / "input"; }
    [[nodiscard]] std::string fifo_path() const { return input_dir() + "/event7"; }
    double volume() { return std::stod(get("Volume").substr(2)); }
    bool volume_is(double db) {
        return poll_until([&] { return std::abs(volume() - db) < 1e-6; }, 3s);
    }
    bool is(const std::string& property, const std::string& value) {
        return poll_until([&] { return get(property) == value; }, 5s);
    }
    // A marker through the same device: once mute has flipped, what came before it has
    // been handled.
    void barrier(InputFeeder& f) {
        const bool was = get("Mute") == "b true";
        ASSERT_TRUE(f.tap(KEY_MUTE));
        ASSERT_TRUE(is("Mute", was ? "b false" : "b true")) << daemon->log();
    }
    std::string reading(const std::string& path) { return "as 1 \"input: " + path + "\""; }
};

TEST_F(InputTest, TheDefaultKeyMapStepsMutesSelectsAndGoesToStandby) {
    ASSERT_NO_FATAL_FAILURE(start_with("\"" + fifo_path() + "\"", "grab = true;"));
    InputFeeder f(fifo_path()); // after the start: inotify sees it come
    ASSERT_TRUE(f.connect()) << daemon->log();
    EXPECT_TRUE(is("Surfaces", reading(fifo_path()))) << "a FIFO has nothing to grab";
    ASSERT_EQ(volume(), -12.0);
    ASSERT_TRUE(f.tap(KEY_VOLUMEUP));
    EXPECT_TRUE(volume_is(-11.0)) << volume();
    ASSERT_TRUE(f.tap(KEY_VOLUMEDOWN));
    ASSERT_TRUE(f.tap(KEY_VOLUMEDOWN));
    EXPECT_TRUE(volume_is(-13.0)) << volume();
    ASSERT_TRUE(f.send(EV_REL, REL_DIAL, 4));
    EXPECT_TRUE(volume_is(-9.0)) << volume();
    ASSERT_TRUE(f.send(EV_REL, REL_WHEEL, -2));
    EXPECT_TRUE(volume_is(-11.0)) << volume();
    ASSERT_TRUE(f.tap(KEY_MUTE));
    EXPECT_TRUE(is("Mute", "b true"));
    ASSERT_TRUE(f.tap(KEY_2));
    EXPECT_TRUE(is("Source", "s \"phono\""));
    ASSERT_TRUE(f.tap(KEY_1));
    EXPECT_TRUE(is("Source", "s \"cd\""));
    ASSERT_TRUE(f.tap(KEY_POWER));
    EXPECT_TRUE(is("Standby", "b true"));
    ASSERT_TRUE(f.tap(KEY_POWER));
    EXPECT_TRUE(is("Standby", "b false"));
    EXPECT_EQ(daemon->log().find("<3>"), std::string::npos) << daemon->log();
}

TEST_F(InputTest, AHeldKeyRepeatsUntilItIsReleased) {
    ASSERT_NO_FATAL_FAILURE(start_with("\"" + fifo_path() + "\"", "repeat_delay_ms = 100;"));
    InputFeeder f(fifo_path());
    ASSERT_TRUE(f.connect()) << daemon->log();
    ASSERT_TRUE(f.key(KEY_VOLUMEDOWN, 1));
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(f.key(KEY_VOLUMEDOWN, 2)); // the device's own repeats: ignored
    EXPECT_TRUE(poll_until([&] { return volume() <= -20.0; }, 5s))
        << "held: the volume kept stepping down, " << volume();
    ASSERT_TRUE(f.key(KEY_VOLUMEDOWN, 0));
    ASSERT_NO_FATAL_FAILURE(barrier(f));
    const double released = volume();
    play_for(0.5); // five repeat intervals
    EXPECT_EQ(volume(), released) << "the volume went on stepping after the release";
}

TEST_F(InputTest, ADeviceThatComesGoesAndComesBackIsReadEachTime) {
    ASSERT_NO_FATAL_FAILURE(start_with("\"~event7$\""));
    EXPECT_TRUE(is("Surfaces", "as 1 \"input: waiting for a device\""));
    {
        InputFeeder f(fifo_path()); // plugged in after the start
        ASSERT_TRUE(f.connect()) << daemon->log();
        EXPECT_TRUE(is("Surfaces", reading(fifo_path()))) << get("Surfaces");
        ASSERT_TRUE(f.tap(KEY_VOLUMEUP));
        EXPECT_TRUE(volume_is(-11.0)) << volume();
        f.disconnect();
        f.remove(); // unplugged
        EXPECT_TRUE(is("Surfaces", "as 1 \"input: waiting for a device\"")) << get("Surfaces");
    }
    InputFeeder again(fifo_path());
    ASSERT_TRUE(again.connect()) << daemon->log();
    EXPECT_TRUE(is("Surfaces", reading(fifo_path()))) << get("Surfaces");
    ASSERT_TRUE(again.tap(KEY_VOLUMEUP));
    EXPECT_TRUE(volume_is(-10.0)) << volume();
    // The writer goes and another comes (the FIFO stays): read again too.
    again.disconnect();
    ASSERT_TRUE(again.connect()) << daemon->log();
    ASSERT_TRUE(again.tap(KEY_VOLUMEUP));
    EXPECT_TRUE(volume_is(-9.0)) << volume();
}

TEST_F(InputTest, GarbageIsIgnoredAndAnEventInPiecesIsWhole) {
    ASSERT_NO_FATAL_FAILURE(start_with("\"" + fifo_path() + "\""));
    InputFeeder f(fifo_path());
    ASSERT_TRUE(f.connect()) << daemon->log();
    ASSERT_TRUE(f.send(EV_KEY, 0x2fe, 1));          // a key nobody mapped
    ASSERT_TRUE(f.send(EV_MSC, MSC_SCAN, 0x70045)); // a scan code, as receivers send
    ASSERT_TRUE(f.send(EV_REL, REL_X, 5));          // an axis nobody mapped
    ASSERT_TRUE(f.send(0x1f, KEY_VOLUMEUP, 1));     // no such type
    ASSERT_TRUE(f.send(EV_KEY, KEY_VOLUMEUP, 2));   // a repeat of a key never pressed
    ASSERT_NO_FATAL_FAILURE(barrier(f));
    EXPECT_EQ(volume(), -12.0) << "garbage changed the volume";
    const auto up = InputFeeder::event(EV_KEY, KEY_VOLUMEUP, 1);
    ASSERT_TRUE(f.raw({up.begin(), up.begin() + 10})); // an event in two writes
    ASSERT_TRUE(f.raw({up.begin() + 10, up.end()}));
    ASSERT_TRUE(f.key(KEY_VOLUMEUP, 0));
    EXPECT_TRUE(volume_is(-11.0)) << volume();
    // Half an event, then the device goes: dropped with it, not glued to the next one.
    ASSERT_TRUE(f.raw({up.begin(), up.begin() + 13}));
    f.disconnect();
    f.remove();
    ASSERT_TRUE(is("Surfaces", "as 1 \"input: waiting for a device\"")) << get("Surfaces");
    InputFeeder again(fifo_path());
    ASSERT_TRUE(again.connect()) << daemon->log();
    ASSERT_TRUE(again.tap(KEY_VOLUMEDOWN));
    EXPECT_TRUE(volume_is(-12.0)) << volume();
    EXPECT_TRUE(running()) << daemon->log();
}

// A regular file of recorded events (epoll takes none) is read once when it appears, and
// closed when it is removed.
TEST_F(InputTest, ARegularFileIsARecordingPlayedOnce) {
    ASSERT_NO_FATAL_FAILURE(start_with("\"~event5$\""));
    const std::string path = input_dir() + "/event5";
    {
        std::vector<std::uint8_t> bytes;
        for (const auto& [code, value] :
             {std::pair{KEY_VOLUMEUP, 1}, std::pair{KEY_VOLUMEUP, 0}, std::pair{KEY_VOLUMEUP, 1},
              std::pair{KEY_VOLUMEUP, 0}, std::pair{KEY_MUTE, 1}, std::pair{KEY_MUTE, 0}}) {
            const auto e = InputFeeder::event(EV_KEY, code, value);
            bytes.insert(bytes.end(), e.begin(), e.end());
        }
        const std::string temporary = dir / "recording";
        std::FILE* out = std::fopen(temporary.c_str(), "wb");
        ASSERT_NE(out, nullptr);
        ASSERT_EQ(std::fwrite(bytes.data(), 1, bytes.size(), out), bytes.size());
        std::fclose(out);
        std::filesystem::rename(temporary, path); // whole, as udev's nodes appear
    }
    EXPECT_TRUE(is("Mute", "b true")) << daemon->log();
    EXPECT_EQ(volume(), -10.0);
    EXPECT_TRUE(is("Surfaces", reading(path))) << get("Surfaces");
    std::filesystem::remove(path);
    EXPECT_TRUE(is("Surfaces", "as 1 \"input: waiting for a device\"")) << get("Surfaces");
    EXPECT_EQ(volume(), -10.0) << "played more than once";
}

TEST_F(InputTest, AReloadTurnsInputOnAndOff) {
    ASSERT_NO_FATAL_FAILURE(start_with("\"" + fifo_path() + "\""));
    InputFeeder f(fifo_path());
    ASSERT_TRUE(f.connect()) << daemon->log();
    ASSERT_TRUE(is("Surfaces", reading(fifo_path())));
    f.disconnect();
    reload("");
    EXPECT_TRUE(is("Surfaces", "as 0")) << get("Surfaces");
    reload("input: { enabled = true; devices = [\"~event7$\"]; map = ( { key = \"KEY_VOLUMEUP\"; "
           "action = \"volume_up\"; step_db = 3; } ); };");
    ASSERT_TRUE(f.connect()) << daemon->log();
    EXPECT_TRUE(is("Surfaces", reading(fifo_path()))) << get("Surfaces");
    ASSERT_TRUE(f.tap(KEY_VOLUMEUP));
    EXPECT_TRUE(volume_is(-9.0)) << "the new map's step, " << volume();
}

// A device preampd may not open: the log says which group the service needs, and once the
// permissions change (udev's chgrp after the node appears) it is read. preampd runs as
// root without the capabilities that override file permissions, so a mode 000 FIFO is
// closed to it as /dev/input/event* is to a service outside group input.
TEST_F(InputTest, APermissionProblemNamesGroupInputAndAChmodLetsItIn) {
    daemon_prefix = {"setpriv", "--bounding-set=-dac_override,-dac_read_search"};
    std::filesystem::create_directory(input_dir());
    InputFeeder f(fifo_path());
    ASSERT_EQ(::chmod(fifo_path().c_str(), 0), 0);
    ASSERT_NO_FATAL_FAILURE(start_with("\"" + fifo_path() + "\""));
    EXPECT_TRUE(daemon->wait_for_log(Pattern("cannot open " + fifo_path() +
                                             ": Permission denied; the service needs group "
                                             "input"),
                                     5s))
        << daemon->log();
    EXPECT_EQ(get("Surfaces"), "as 1 \"input: waiting for a device\"");
    ASSERT_EQ(::chmod(fifo_path().c_str(), 0600), 0);
    ASSERT_TRUE(f.connect()) << daemon->log();
    EXPECT_TRUE(is("Surfaces", reading(fifo_path()))) << get("Surfaces");
    ASSERT_TRUE(f.tap(KEY_VOLUMEUP));
    EXPECT_TRUE(volume_is(-11.0)) << volume();
}

// A real evdev device made with uinput: its name (EVIOCGNAME) is matched and it is
// grabbed. Only where /dev/uinput exists (not in most containers).
TEST_F(InputTest, AUinputDeviceIsFoundByNameGrabbedAndRead) {
    if (::access("/dev/uinput", W_OK) != 0) GTEST_SKIP() << "no writable /dev/uinput here";
    const int ui = ::open("/dev/uinput", O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    ASSERT_GE(ui, 0);
    ASSERT_EQ(::ioctl(ui, UI_SET_EVBIT, EV_KEY), 0);
    ASSERT_EQ(::ioctl(ui, UI_SET_KEYBIT, KEY_VOLUMEUP), 0);
    uinput_setup setup{};
    setup.id.bustype = BUS_VIRTUAL;
    std::snprintf(setup.name, sizeof setup.name, "preampd-test-remote-%d", ::getpid());
    ASSERT_EQ(::ioctl(ui, UI_DEV_SETUP, &setup), 0);
    ASSERT_EQ(::ioctl(ui, UI_DEV_CREATE), 0);
    extra_env.push_back("PREAMPD_INPUT_DIR=/dev/input");
    extra_settings = std::string("input: { enabled = true; grab = true; devices = [\"~^") +
                     setup.name + "$\"]; };";
    write_config();
    open_probe();
    start_daemon();
    ASSERT_TRUE(running()) << daemon->log();
    ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    EXPECT_TRUE(poll_until(
        [&] {
            const std::string s = get("Surfaces");
            return s.find(std::string("(") + setup.name + ") grabbed") != std::string::npos;
        },
        5s))
        << get("Surfaces");
    const auto emit = [&](unsigned type, unsigned code, int value) {
        input_event e{};
        e.type = static_cast<std::uint16_t>(type);
        e.code = static_cast<std::uint16_t>(code);
        e.value = value;
        return ::write(ui, &e, sizeof e) == static_cast<ssize_t>(sizeof e);
    };
    EXPECT_TRUE(emit(EV_KEY, KEY_VOLUMEUP, 1) && emit(EV_SYN, SYN_REPORT, 0) &&
                emit(EV_KEY, KEY_VOLUMEUP, 0) && emit(EV_SYN, SYN_REPORT, 0));
    EXPECT_TRUE(volume_is(-11.0)) << volume();
    ::ioctl(ui, UI_DEV_DESTROY);
    ::close(ui);
    EXPECT_TRUE(is("Surfaces", "as 1 \"input: waiting for a device\"")) << get("Surfaces");
}

} // namespace
} // namespace preamp::test
