// The real-time rule for what the daemon's process callback runs around the engine:
// jack::Graph (the parameter slot with its layout check, the meters, the engine) on
// fake port buffers, and jack::GraphSwap handing it a new graph, as a reload does,
// while another thread storms both; and the MIDI rings of jack::MidiIo. Counted as in
// test_realtime.cpp.

#include "Buffers.hpp"
#include "Emulation.hpp"
#include "RtWatch.hpp"
#include "core/EngineParams.hpp"
#include "core/MeterExchange.hpp"
#include "core/RecordRing.hpp"
#include "core/Settings.hpp"
#include "core/TripleBuffer.hpp"
#include "jack/Graph.hpp"
#include "jack/GraphSwap.hpp"

#include <array>
#include <atomic>
#include <cmath>
#include <gtest/gtest.h>
#include <random>
#include <thread>

namespace {

using namespace preamp;

TEST(GraphRealtime, RunsAndSwapsGraphsUnderAStormWithoutAllocating) {
    if (auto why = test::spinning_threads_skip()) GTEST_SKIP() << *why;
    if (const char* why = test::rt::unavailable()) GTEST_SKIP() << why;
    test::rt::prepare();

    core::Config cfg;
    cfg.inputs = {{"cd", "CD", 0.0, {}}, {"phono", "Phono", 6.0, {}}, {"tuner", "Tuner", -3.0, {}}};
    constexpr double fs = 48000;
    constexpr unsigned frames = 64, channels = 2;
    core::Settings control(cfg);
    core::TripleBuffer<dsp::EngineParams> slot;
    core::MeterExchange meters;
    jack::CallbackStats stats;
    // Two graphs of two layouts, as a reload that adds an input makes them.
    std::array<jack::Graph, 2> graphs{jack::Graph(3, channels, fs, {}, slot, meters, stats, 1),
                                      jack::Graph(3, channels, fs, {}, slot, meters, stats, 2)};
    jack::GraphSwap<jack::Graph> swap(&graphs[0]);
    test::Buffers buffers(3, channels, frames);
    const dsp::EngineIo io = buffers.io();
    for (auto& ch : buffers.in)
        for (unsigned i = 0; i < frames; ++i)
            ch[i] = static_cast<float>(0.5 * std::sin(0.05 * i));

    std::atomic<bool> stop{false};
    std::atomic<long> published{0}, swaps{0};
    std::thread control_side([&] {
        std::mt19937 rng(11);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        unsigned running = 0;             // the graph offered last
        const jack::Graph* old = nullptr; // the one it replaces, until the callback leaves it
        while (!stop.load()) {
            control.set_volume(-60 + 60 * u(rng));
            control.set_bass(-12 + 24 * u(rng));
            control.set_treble(-12 + 24 * u(rng));
            control.set_source(rng() % 2 ? "cd" : "tuner");
            dsp::EngineParams p = core::make_engine_params(control, fs);
            p.layout = running + 1;
            slot.write(p);
            (void)meters.take();
            // Now and then the other graph, once the callback has left the one before.
            if (published.fetch_add(1) % 100 == 99 && (old == nullptr || swap.retired(old))) {
                old = &graphs[running];
                running = 1 - running;
                swap.offer(&graphs[running]);
                swaps.fetch_add(1);
            }
        }
    });

    test::rt::reset();
    for (long period = 0; period < 2000000; ++period) {
        if (period >= 20000 && published.load() >= 2000 && swaps.load() >= 20) break;
        test::rt::Watch rt;
        swap.take().run(io, frames);
    }
    stop = true;
    control_side.join();

    EXPECT_EQ(test::rt::forbidden(), 0u) << "the graph or its swap allocated, freed, locked "
                                            "or blocked:\n"
                                         << test::rt::report("periods");
    EXPECT_GE(swaps.load(), 20) << "the graphs were not swapped";
    EXPECT_GE(published.load(), 2000) << "the storm was not a storm";
    for (const auto& ch : buffers.pre)
        for (float v : ch)
            ASSERT_TRUE(std::isfinite(v));
}

} // namespace

namespace {

// The MIDI path's part of the RT rule: what jack::MidiIo does each period besides
// libjack's own MIDI buffer calls (which rt_daemon watches in the running daemon) is
// push midi_in's events into one core::RecordRing and pop the feedback from the other,
// while the main loop drains and fills them.
TEST(GraphRealtime, TheMidiRingsNeverAllocateOrBlockAndKeepEveryEventInOrder) {
    if (auto why = test::spinning_threads_skip()) GTEST_SKIP() << *why;
    if (const char* why = test::rt::unavailable()) GTEST_SKIP() << why;
    test::rt::prepare();

    core::MidiExchange midi;
    constexpr long kEvents = 200000;
    std::atomic<bool> stop{false};
    std::atomic<long> fed{0};
    long drained = 0, order_errors = 0;
    std::thread main_loop([&] {
        std::uint8_t event[core::RecordRing::kMaxRecord];
        std::uint8_t expect = 0;
        long n = 0;
        while (!stop.load() || midi.in.peek()) {
            while (const std::size_t size = midi.in.pop(event)) {
                if (size != 3 || event[2] != (expect & 0x7F)) ++order_errors;
                ++expect;
                ++drained;
            }
            const std::uint8_t cc[3] = {0xB0, 7, static_cast<std::uint8_t>(n++ & 0x7F)};
            if (midi.out.push(cc, 3)) fed.fetch_add(1);
        }
    });

    test::rt::reset();
    long pushed = 0, popped = 0;
    std::uint8_t value = 0;
    while (pushed < kEvents) {
        test::rt::Watch rt;
        for (int i = 0; i < 64 && pushed < kEvents; ++i) {
            const std::uint8_t cc[3] = {0xB0, 8, static_cast<std::uint8_t>(value & 0x7F)};
            if (midi.in.push(cc, 3)) {
                ++pushed;
                ++value;
            }
        }
        std::uint8_t out[core::RecordRing::kMaxRecord];
        while (midi.out.pop(out) != 0)
            ++popped;
    }
    stop = true;
    main_loop.join();

    EXPECT_EQ(test::rt::forbidden(), 0u) << "the MIDI rings allocated, freed, locked or blocked:\n"
                                         << test::rt::report("periods");
    EXPECT_EQ(drained, kEvents) << "events were lost";
    EXPECT_EQ(order_errors, 0) << "events came out of order";
    EXPECT_GT(popped, 0) << "no feedback crossed";
}

TEST(RecordRing, ARecordGoesWholeOrNotAtAllAndTheOverflowIsCounted) {
    core::RecordRing ring(512);
    std::vector<std::uint8_t> big(255, 0x42);
    EXPECT_FALSE(ring.push(big.data(), 0));
    int pushed = 0;
    while (ring.push(big.data(), big.size()))
        ++pushed;
    EXPECT_EQ(pushed, 2) << "512 bytes hold two records of 255 + 1";
    EXPECT_EQ(ring.dropped(), 2u) << "the empty one and the one that did not fit";
    std::vector<std::uint8_t> out(255);
    EXPECT_EQ(ring.peek(), 255u);
    EXPECT_EQ(ring.pop(out.data()), 255u);
    EXPECT_EQ(out, big);
    std::vector<std::uint8_t> toolong(256, 1);
    EXPECT_FALSE(ring.push(toolong.data(), toolong.size()));
}

} // namespace
