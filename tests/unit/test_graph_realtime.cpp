// The real-time rule for what the daemon's process callback runs around the engine:
// jack::Graph (the parameter slot with its layout check, the meters, the engine) on
// fake port buffers, and jack::GraphSwap handing it a new graph, as a reload does,
// while another thread storms both. Counted as in test_realtime.cpp.

#include "Buffers.hpp"
#include "RtWatch.hpp"
#include "core/EngineParams.hpp"
#include "core/MeterExchange.hpp"
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
