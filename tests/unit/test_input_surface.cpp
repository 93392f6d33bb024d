// InputSurface: the default key map and a configured one, key repeat timed by preampd
// with its acceleration, the device's own repeats ignored, sources, standby and the
// switches, relative axes, refusals logged once, and a device that goes.

#include "surfaces/InputSurface.hpp"

#include <gtest/gtest.h>

namespace preamp::surfaces {
namespace {

using namespace std::chrono_literals;
using A = core::InputMapping::Action;
using Clock = InputSurface::Clock;

constexpr unsigned kKey = 1, kRel = 2, kSyn = 0, kMsc = 4;
constexpr unsigned kMute = 113, kDown = 114, kUp = 115, kPower = 116, kDial = 7, kWheel = 8;
constexpr unsigned kKey1 = 2, kKey3 = 4, kRelX = 0, kVolumeUpBtn = 0x100;

core::Config three_inputs() {
    core::Config c;
    c.inputs = {{"cd", "CD", 0.0, {}}, {"phono", "Phono", 0.0, {}}, {"tuner", "Tuner", 0.0, {}}};
    c.volume.default_db = -40.0;
    c.input.enabled = true;
    return c;
}

// A surface on a model of its own, changed as the daemon changes it, on a clock of its own.
struct Rig {
    explicit Rig(core::Config cfg = three_inputs())
        : settings(cfg), surface(cfg, {[this]() -> const core::Settings& { return settings; },
                                       [this](const auto& f) {
                                           f(settings);
                                           ++changes;
                                       },
                                       [this](const std::string& w) { warnings.push_back(w); }}) {}

    void send(unsigned type, unsigned code, std::int32_t value) {
        surface.handle({type, code, value}, now);
    }
    void key(unsigned code, std::int32_t value) { send(kKey, code, value); }
    void tap(unsigned code) {
        key(code, 1);
        key(code, 0);
    }
    // Lets `d` pass, running the repeats when they are due, as InputLink's timer does.
    void pass(Clock::duration d) {
        const auto end = now + d;
        while (const auto next = surface.deadline()) {
            if (*next > end) break;
            now = std::max(now, *next);
            surface.tick(now);
        }
        now = end;
    }
    [[nodiscard]] double volume() const { return settings.state().volume_db; }

    Clock::time_point now{};
    core::Settings settings;
    InputSurface surface;
    int changes = 0;
    std::vector<std::string> warnings;
};

TEST(InputSurface, TheDefaultMapStepsMutesSelectsAndGoesToStandby) {
    Rig r;
    r.tap(kUp);
    EXPECT_EQ(r.volume(), -39.0) << "one volume.step_db";
    r.tap(kDown);
    r.tap(kDown);
    EXPECT_EQ(r.volume(), -41.0);
    r.tap(kMute);
    EXPECT_TRUE(r.settings.state().mute);
    r.tap(kMute);
    EXPECT_FALSE(r.settings.state().mute);
    r.tap(kKey3);
    EXPECT_EQ(r.settings.state().source, "tuner") << "KEY_3: the third input";
    r.tap(kKey1);
    EXPECT_EQ(r.settings.state().source, "cd");
    r.tap(kPower);
    EXPECT_TRUE(r.settings.state().standby);
    r.tap(kPower);
    EXPECT_FALSE(r.settings.state().standby);
    EXPECT_TRUE(r.warnings.empty());
}

TEST(InputSurface, KeysBeyondTheInputsAndUnknownEventsDoNothing) {
    Rig r;
    const int before = r.changes;
    r.tap(kKey1 + 3); // KEY_4: there are three inputs
    r.send(kSyn, 0, 0);
    r.send(kMsc, 4, 0x70045); // MSC_SCAN, as IR receivers and FLIRC send
    r.send(kKey, 0x2fe, 1);
    r.send(kRel, kRelX, 5); // REL_X is not in the default map
    r.send(99, kUp, 1);     // no such type
    EXPECT_EQ(r.changes, before);
    EXPECT_EQ(r.volume(), -40.0);
}

TEST(InputSurface, AHeldKeyRepeatsAfterTheDelayAndAccelerates) {
    Rig r;
    r.key(kUp, 1);
    EXPECT_EQ(r.volume(), -39.0);
    r.pass(399ms);
    EXPECT_EQ(r.volume(), -39.0) << "no repeat before repeat_delay_ms";
    r.pass(1ms);
    EXPECT_EQ(r.volume(), -38.0) << "the first repeat at 400 ms";
    r.pass(800ms); // repeats 2..9, one step each
    EXPECT_EQ(r.volume(), -30.0);
    r.pass(100ms); // the 10th: two steps
    EXPECT_EQ(r.volume(), -28.0);
    r.pass(900ms); // 11th..19th
    EXPECT_EQ(r.volume(), -10.0);
    r.pass(100ms); // the 20th: four steps
    EXPECT_EQ(r.volume(), -6.0);
    r.pass(1s);
    EXPECT_EQ(r.volume(), 0.0) << "stops at the top, as a step does";
    EXPECT_TRUE(r.warnings.empty());
    r.key(kUp, 0);
    EXPECT_FALSE(r.surface.deadline().has_value()) << "released: nothing repeats";
}

TEST(InputSurface, TheDevicesOwnRepeatsAreIgnoredAndAReleaseStopsTheRepeat) {
    Rig r;
    r.key(kDown, 1);
    for (int i = 0; i < 5; ++i)
        r.key(kDown, 2); // the kernel's autorepeat
    EXPECT_EQ(r.volume(), -41.0);
    r.pass(450ms);
    EXPECT_EQ(r.volume(), -42.0);
    r.key(kDown, 0);
    r.pass(5s);
    EXPECT_EQ(r.volume(), -42.0);
}

TEST(InputSurface, WithoutAccelerationEveryRepeatIsOneStep) {
    core::Config c = three_inputs();
    c.input.accelerate = false;
    c.input.repeat_delay_ms = 200.0;
    c.input.repeat_interval_ms = 50.0;
    Rig r(c);
    r.key(kDown, 1);
    r.pass(200ms + 29 * 50ms); // 30 repeats
    EXPECT_EQ(r.volume(), -71.0);
    EXPECT_EQ(InputSurface::repeat_steps(9, true), 1);
    EXPECT_EQ(InputSurface::repeat_steps(10, true), 2);
    EXPECT_EQ(InputSurface::repeat_steps(20, true), 4);
    EXPECT_EQ(InputSurface::repeat_steps(20, false), 1);
}

TEST(InputSurface, ADeviceThatGoesLetsGoOfTheHeldKey) {
    Rig r;
    r.key(kUp, 1);
    r.surface.release();
    r.pass(2s);
    EXPECT_EQ(r.volume(), -39.0);
}

TEST(InputSurface, RelativeAxesStepByTheirValue) {
    Rig r;
    r.send(kRel, kDial, 3);
    EXPECT_EQ(r.volume(), -37.0);
    r.send(kRel, kWheel, -5);
    EXPECT_EQ(r.volume(), -42.0);
    r.send(kRel, kDial, 0);
    EXPECT_EQ(r.volume(), -42.0);
}

TEST(InputSurface, AConfiguredMapChangesTheDefaultsAndAddsKeys) {
    core::Config c = three_inputs();
    core::InputMapping up{kKey, kUp, A::volume_up, "", 0.5};
    core::InputMapping mute{kKey, kMute, A::none, "", 0.0};
    core::InputMapping rel_x{kRel, kRelX, A::volume, "", 2.0};
    core::InputMapping btn{kKey, kVolumeUpBtn, A::source, "phono", 0.0};
    core::InputMapping dim{kKey, kPower, A::dim, "", 0.0};
    c.input.map = {up, mute, rel_x, btn, dim};
    Rig r(c);
    r.tap(kUp);
    EXPECT_EQ(r.volume(), -39.5) << "its own step_db";
    r.tap(kMute);
    EXPECT_FALSE(r.settings.state().mute) << "action none takes the default away";
    r.send(kRel, kRelX, -1);
    EXPECT_EQ(r.volume(), -41.5) << "a rotary encoder's REL_X, 2 dB a detent";
    r.tap(kVolumeUpBtn);
    EXPECT_EQ(r.settings.state().source, "phono");
    r.tap(kPower);
    EXPECT_TRUE(r.settings.state().dim);
    EXPECT_FALSE(r.settings.state().standby);
    r.tap(kDown);
    EXPECT_EQ(r.volume(), -42.5) << "the other defaults stay";
}

TEST(InputSurface, ARefusedChangeIsLoggedOnceAndChangesNothing) {
    core::Config c = three_inputs();
    c.inputs[1].bypass = true; // phono: the volume locked
    Rig r(c);
    r.tap(kKey1 + 1);
    ASSERT_EQ(r.settings.state().source, "phono");
    const double v = r.volume();
    r.key(kUp, 1);
    r.pass(3s);
    EXPECT_EQ(r.volume(), v);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0].rfind("input: ", 0), 0u) << r.warnings[0];
}

TEST(InputSurface, AReloadTakesTheNewMapAndLetsGoOfAHeldKey) {
    Rig r;
    r.key(kUp, 1);
    core::Config c = three_inputs();
    c.inputs = {{"aux", "Aux", 0.0, {}}};
    r.surface.configure(c);
    EXPECT_FALSE(r.surface.deadline().has_value());
    r.tap(kKey1 + 1);
    EXPECT_EQ(r.settings.state().source, "cd") << "KEY_2 has no input in the new config";
}

} // namespace
} // namespace preamp::surfaces
