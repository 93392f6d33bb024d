// The order of a source switch and its gain change (daemon::SwitchSequencer), on a real
// event loop with a period count the test moves: lower first, then switch; switch
// first, then raise; nothing waits that has no switch to wait for.

#include "core/TripleBuffer.hpp"
#include "daemon/EventLoop.hpp"
#include "daemon/SwitchSequencer.hpp"

#include <chrono>
#include <gtest/gtest.h>

using preamp::daemon::EventLoop;
using preamp::daemon::SwitchSequencer;
using preamp::daemon::Timer;
using preamp::dsp::EngineParams;
using namespace std::chrono_literals;

namespace {

constexpr unsigned kPeriod = 256;
constexpr double kRate = 48000.0;

EngineParams at(std::uint32_t source, float gain) {
    EngineParams p;
    p.source = source;
    p.gain.fill(gain);
    p.ramp_frames = 1440; // 30 ms: 6 periods
    return p;
}

class SwitchSequencerTest : public ::testing::Test {
protected:
    /// Runs the loop for `ms`: the sequencer's timer fires in it if it is due.
    void run_for(std::chrono::milliseconds ms) {
        Timer stop(loop, [this] { loop.stop(); });
        stop.start(ms);
        loop.run();
    }
    void publish(const EngineParams& p) { seq.publish(p, kPeriod, kRate); }
    /// What the engine would play now: (source, gain of channel 0).
    std::pair<std::uint32_t, float> playing() {
        const EngineParams& p = params.read();
        return {p.source, p.gain[0]};
    }

    EventLoop loop;
    preamp::core::TripleBuffer<EngineParams> params;
    std::uint64_t periods = 0;
    SwitchSequencer seq{loop, params, [this] { return periods; }};
};

using Playing = std::pair<std::uint32_t, float>;

} // namespace

TEST_F(SwitchSequencerTest, ASwitchToALowerGainLowersTheOldSourceFirst) {
    publish(at(0, 1.0f));
    EXPECT_EQ(playing(), Playing(0, 1.0f)) << "the first snapshot goes at once";
    publish(at(1, 0.01f));
    EXPECT_EQ(playing(), Playing(0, 0.01f)) << "the old source down, not yet switched";
    run_for(60ms);
    EXPECT_EQ(playing(), Playing(0, 0.01f)) << "no period ran: the ramp has not ended";
    periods += 7; // the period under way, then 6 of the ramp
    run_for(60ms);
    EXPECT_EQ(playing(), Playing(1, 0.01f)) << "now the switch";
}

TEST_F(SwitchSequencerTest, ASwitchToAHigherGainRaisesItOnlyAfterTheCrossfade) {
    publish(at(1, 0.01f));
    periods += 100;
    publish(at(0, 1.0f));
    EXPECT_EQ(playing(), Playing(0, 0.01f)) << "switched at the lower gain";
    run_for(60ms);
    EXPECT_EQ(playing(), Playing(0, 0.01f)) << "the crossfade has not ended";
    periods += 7;
    run_for(60ms);
    EXPECT_EQ(playing(), Playing(0, 1.0f));
}

TEST_F(SwitchSequencerTest, WithoutASwitchEveryChangeGoesAtOnce) {
    publish(at(0, 0.5f));
    publish(at(0, 1.0f));
    EXPECT_EQ(playing(), Playing(0, 1.0f));
    publish(at(0, 0.1f));
    EXPECT_EQ(playing(), Playing(0, 0.1f));
}

TEST_F(SwitchSequencerTest, ARaiseRightAfterASwitchWaitsButALoweringDoesNot) {
    publish(at(0, 0.1f));
    periods += 100;
    publish(at(1, 0.1f)); // the same gain: the switch goes at once
    EXPECT_EQ(playing(), Playing(1, 0.1f));
    publish(at(1, 1.0f)); // a raise while the old source still fades out
    EXPECT_EQ(playing(), Playing(1, 0.1f));
    publish(at(1, 0.05f)); // a lowering goes at once
    EXPECT_EQ(playing(), Playing(1, 0.05f));
    publish(at(1, 1.0f));
    periods += 7;
    run_for(60ms);
    EXPECT_EQ(playing(), Playing(1, 1.0f));
}

TEST_F(SwitchSequencerTest, AfterAResetTheNextSnapshotGoesAtOnce) {
    publish(at(0, 1.0f));
    seq.reset();
    publish(at(1, 0.01f));
    EXPECT_EQ(playing(), Playing(1, 0.01f)) << "a new engine starts silent and fades in";
}
