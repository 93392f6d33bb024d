// core/Standby.hpp: which changes ask for sound, and SignalSense's signal and silence,
// reading by reading, on a clock of the test's own.

#include "core/AutoSelect.hpp"
#include "core/Standby.hpp"

#include <gtest/gtest.h>

namespace preamp::core {
namespace {

using namespace std::chrono_literals;
using Clock = SignalSense::Clock;

const Clock::time_point t0{};

TEST(AsksForSound, VolumeSourceUnmuteAndWakingDoToneAndBalanceDoNot) {
    State before;
    before.source = "cd";
    before.mute = true;
    before.standby = true;
    const auto with = [&](auto change) {
        State after = before;
        change(after);
        return asks_for_sound(before, after);
    };
    EXPECT_TRUE(with([](State& s) { s.volume_db = -20.0; }));
    EXPECT_TRUE(with([](State& s) { s.source = "phono"; }));
    EXPECT_TRUE(with([](State& s) { s.mute = false; }));
    EXPECT_TRUE(with([](State& s) { s.standby = false; }));
    EXPECT_FALSE(with([](State& s) { s.treble_db = 3.0; }));
    EXPECT_FALSE(with([](State& s) { s.balance = 0.5; }));
    EXPECT_FALSE(with([](State& s) { s.loudness = true; }));
    EXPECT_FALSE(with([](State&) {}));
    State muting = before;
    muting.mute = false;
    State muted = muting;
    muted.mute = true;
    EXPECT_FALSE(asks_for_sound(muting, muted)) << "muting asks for no sound";
}

TEST(SignalSense, ASignalCountsOnceItHasLastedTheHold) {
    SignalSense sense(-70.0, 300ms, t0);
    const float above = 0.001f; // -60 dBFS
    sense.observe(above, t0 + 100ms);
    EXPECT_FALSE(sense.signal());
    sense.observe(above, t0 + 300ms);
    EXPECT_FALSE(sense.signal()) << "200 ms of it";
    sense.observe(above, t0 + 400ms);
    EXPECT_TRUE(sense.signal());
    sense.observe(0.0f, t0 + 500ms);
    EXPECT_FALSE(sense.signal()) << "a silent reading ends it";
    sense.observe(above, t0 + 600ms); // a click
    sense.observe(0.0001f, t0 + 700ms); // -80 dBFS: below
    sense.observe(above, t0 + 800ms);
    EXPECT_FALSE(sense.signal()) << "the hold starts again after each gap";
}

TEST(SignalSense, SilenceCountsFromTheLastReadingAboveOrARestart) {
    SignalSense sense(-70.0, 0ms, t0);
    EXPECT_EQ(sense.silent_for(t0 + 5s), 5s) << "from the start";
    sense.observe(0.5f, t0 + 6s);
    EXPECT_TRUE(sense.signal()) << "no hold";
    sense.observe(0.0f, t0 + 7s);
    EXPECT_EQ(sense.silent_for(t0 + 10s), 4s);
    sense.restart(t0 + 9s);
    EXPECT_EQ(sense.silent_for(t0 + 10s), 1s);
    sense.observe(0.0003f, t0 + 11s); // -70.5 dBFS
    EXPECT_EQ(sense.silent_for(t0 + 12s), 3s) << "below the threshold is silence";
}

/// cd, tv (auto_select), radio (auto_select), phono; a 200 ms hold.
Config auto_inputs() {
    Config cfg;
    cfg.inputs = {{"cd", "", 0.0, {}}, {"tv", "", 0.0, {}}, {"radio", "", 0.0, {}},
                  {"phono", "", 0.0, {}}};
    cfg.inputs[1].auto_select = cfg.inputs[2].auto_select = true;
    cfg.standby.signal_hold_ms = 200.0;
    return cfg;
}

TEST(AutoSelect, SelectsAnAutoInputThatPlaysWhileTheSourceIsSilent) {
    AutoSelect pick(auto_inputs(), t0);
    EXPECT_TRUE(pick.any());
    const float on = 0.1f;
    // cd (selected) plays; tv starts: nothing switches while cd plays.
    for (auto t = 100ms; t <= 1000ms; t += 100ms)
        EXPECT_EQ(pick.observe({on, on, 0.0f, 0.0f}, 0, t0 + t), std::nullopt) << t.count();
    // cd stops: once it has been silent for the hold, tv is picked.
    EXPECT_EQ(pick.observe({0.0f, on, 0.0f, 0.0f}, 0, t0 + 1100ms), std::nullopt);
    EXPECT_EQ(pick.observe({0.0f, on, 0.0f, 0.0f}, 0, t0 + 1200ms), 1u);
}

TEST(AutoSelect, NeedsASignalLongerThanTheHoldOnAnAutoInput) {
    AutoSelect pick(auto_inputs(), t0);
    const float on = 0.1f;
    // phono plays, but it is no auto input; radio clicks once.
    for (auto t = 300ms; t <= 2000ms; t += 100ms) {
        const float click = t == 500ms ? on : 0.0f;
        EXPECT_EQ(pick.observe({0.0f, 0.0f, click, on}, 0, t0 + t), std::nullopt) << t.count();
    }
    // Both tv and radio play: the first in the file.
    EXPECT_EQ(pick.observe({0.0f, on, on, 0.0f}, 0, t0 + 2100ms), std::nullopt);
    EXPECT_EQ(pick.observe({0.0f, on, on, 0.0f}, 0, t0 + 2300ms), 1u);
    EXPECT_EQ(pick.observe({0.0f, on, on, 0.0f}, 1, t0 + 2400ms), std::nullopt)
        << "tv selected and playing";
    EXPECT_FALSE(AutoSelect(Config{}, t0).any());
}

} // namespace
} // namespace preamp::core
