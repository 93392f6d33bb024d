// core/Standby.hpp: which changes ask for sound, and SignalSense's signal and silence,
// reading by reading, on a clock of the test's own.

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

} // namespace
} // namespace preamp::core
