// core::MeterHub: every reader's own interval, readings folded once, clip counts that
// carry on across engines.

#include "core/MeterHub.hpp"

#include <gtest/gtest.h>

namespace preamp::core {
namespace {

using namespace std::chrono_literals;

/// A reading of engine `engine`'s interval `interval`: `frames` frames with peak `peak`
/// and `clips` clips so far on pre_out's first channel and on input 2's second.
dsp::Meters reading(std::uint64_t engine, std::uint64_t interval, float peak,
                    std::uint64_t clips = 0, std::uint64_t frames = 256) {
    dsp::Meters m;
    m.engine = engine;
    m.interval = interval;
    m.frames = frames;
    for (auto* c : {&m.pre[0], &m.in[2 * dsp::kMaxChannels + 1]}) {
        c->peak = peak;
        c->sum_squares = static_cast<double>(peak) * peak * static_cast<double>(frames);
        c->clips = clips;
    }
    return m;
}

const MeterHub::Clock::time_point t0{};

TEST(MeterHub, EachReaderHasItsOwnInterval) {
    MeterHub hub;
    hub.fold(reading(1, 1, 0.5f));
    EXPECT_EQ(hub.read("a", t0).pre[0].peak, 0.5f) << "a first read: the newest reading";
    EXPECT_EQ(hub.read("b", t0).in[2 * dsp::kMaxChannels + 1].peak, 0.5f);
    hub.fold(reading(1, 2, 0.9f));
    EXPECT_EQ(hub.read("a", t0 + 1s).pre[0].peak, 0.9f);
    hub.fold(reading(1, 3, 0.1f));
    const dsp::Meters a = hub.read("a", t0 + 2s);
    EXPECT_EQ(a.pre[0].peak, 0.1f) << "a's read of the 0.9 started a new interval for a only";
    EXPECT_EQ(a.frames, 256u);
    const dsp::Meters b = hub.read("b", t0 + 2s);
    EXPECT_EQ(b.pre[0].peak, 0.9f) << "a's reads did not reset b's peak";
    EXPECT_EQ(b.frames, 512u);
    EXPECT_DOUBLE_EQ(b.pre[0].sum_squares, reading(1, 2, 0.9f).pre[0].sum_squares +
                                               reading(1, 3, 0.1f).pre[0].sum_squares)
        << "both intervals";
    EXPECT_EQ(hub.read("b", t0 + 3s).frames, 0u) << "nothing new";
}

TEST(MeterHub, AReadingIsFoldedOnce) {
    MeterHub hub;
    (void)hub.read("a", t0);
    hub.fold(reading(1, 7, 0.5f));
    hub.fold(reading(1, 7, 0.5f)); // taken again before the RT thread started a new one
    EXPECT_EQ(hub.read("a", t0).frames, 256u);
    hub.fold(reading(2, 7, 0.5f)); // the same interval of another engine is new
    EXPECT_EQ(hub.read("a", t0).frames, 256u);
}

TEST(MeterHub, ClipsCountOnAcrossEnginesUntilThePortsChange) {
    MeterHub hub;
    hub.fold(reading(1, 1, 1.5f, 5));
    hub.fold(reading(1, 2, 1.5f, 8));
    EXPECT_EQ(hub.read("a", t0).pre[0].clips, 8u);
    hub.fold(reading(2, 1, 1.5f, 2)); // JACK came back: a new engine counts from 0
    EXPECT_EQ(hub.read("a", t0).pre[0].clips, 10u);
    EXPECT_EQ(hub.latest().in[2 * dsp::kMaxChannels + 1].clips, 10u);
    hub.restart_clips();
    EXPECT_EQ(hub.read("a", t0).pre[0].clips, 0u);
    hub.fold(reading(2, 2, 1.5f, 3));
    EXPECT_EQ(hub.read("a", t0).pre[0].clips, 1u) << "counted from the restart";
    hub.fold(reading(3, 1, 1.5f, 4));
    EXPECT_EQ(hub.read("a", t0).pre[0].clips, 5u);
}

TEST(MeterHub, ForgetsReadersItHasNotHeardFrom) {
    MeterHub hub;
    (void)hub.read("gone", t0);
    (void)hub.read("here", t0 + MeterHub::kForgetAfter);
    EXPECT_EQ(hub.readers(), 2u);
    (void)hub.read("here", t0 + MeterHub::kForgetAfter + 1s);
    EXPECT_EQ(hub.readers(), 1u);
    for (std::size_t i = 0; i < 2 * MeterHub::kMaxReaders; ++i)
        (void)hub.read(":1." + std::to_string(i), t0 + MeterHub::kForgetAfter + 2s);
    EXPECT_EQ(hub.readers(), MeterHub::kMaxReaders);
}

} // namespace
} // namespace preamp::core
