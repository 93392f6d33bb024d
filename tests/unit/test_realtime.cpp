// Proof of the real-time rule: while another thread storms it with new parameter
// snapshots, the RT side (TripleBuffer::read, MeterExchange, Engine::process) never
// allocates, frees, locks or enters the common blocking/syscall wrappers. The test
// binary links the interposers of tests/support/RtWatch.hpp (the ones
// tests/integration/rt_watch.so carries into the running daemon) and counts calls made
// on the watched thread while it is inside the RT section.

#include "Buffers.hpp"
#include "Emulation.hpp"
#include "RtWatch.hpp"
#include "core/EngineParams.hpp"
#include "core/MeterExchange.hpp"
#include "core/Settings.hpp"
#include "core/TripleBuffer.hpp"
#include "dsp/Engine.hpp"

#include <atomic>
#include <cmath>
#include <gtest/gtest.h>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace {

using namespace preamp;
using test::rt::Call;
using test::rt::Watch;

long forbidden_calls() {
    return static_cast<long>(test::rt::forbidden());
}

// Skips in a build where nothing can be counted; else resolves every forwarded function
// before anything is watched, and counts from zero.
class Realtime : public ::testing::Test {
protected:
    void SetUp() override {
        if (const char* why = test::rt::unavailable()) GTEST_SKIP() << why;
        test::rt::prepare();
        test::rt::reset();
    }
};

} // namespace

TEST_F(Realtime, TheCountersSeeWhatTheyWatch) {
    {
        Watch w;
        std::vector<int> v(100);
        v.push_back(1);
    }
    const long allocations = forbidden_calls();
    test::rt::reset();
    EXPECT_GE(allocations, 2) << "an allocation and a free must be counted";
    std::mutex m;
    {
        Watch w;
        std::lock_guard lock(m);
    }
    EXPECT_GE(forbidden_calls(), 1) << "a lock must be counted";
    test::rt::reset();
    {
        Watch w;
        std::this_thread::yield();
    }
    EXPECT_GE(forbidden_calls(), 1) << "a yield must be counted";
}

TEST_F(Realtime, ProcessingUnderAParameterStormIsAllocationAndLockFree) {
    if (auto why = test::spinning_threads_skip()) GTEST_SKIP() << *why;
    core::Config cfg;
    cfg.inputs = {{"cd", "CD", 0.0, {}}, {"phono", "Phono", 6.0, {}}, {"tuner", "Tuner", -3.0, {}}};
    constexpr double fs = 48000;
    constexpr unsigned frames = 64;
    const unsigned channels = 2;

    core::Settings control(cfg);
    core::TripleBuffer<dsp::EngineParams> slot(core::make_engine_params(control, fs));
    core::MeterExchange meters;
    dsp::Engine engine(3, channels, fs);

    test::Buffers buffers(3, channels, frames);
    auto& in = buffers.in;
    const dsp::EngineIo io = buffers.io();

    std::atomic<bool> stop{false};
    std::atomic<long> published{0};
    std::thread writer([&] {
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        const char* names[] = {"cd", "phono", "tuner"};
        while (!stop.load()) {
            control.set_volume(-80 + 80 * u(rng));
            control.set_bass(-12 + 24 * u(rng));
            control.set_treble(-12 + 24 * u(rng));
            control.set_balance(-1 + 2 * u(rng));
            control.set_source(names[rng() % 3]);
            control.set_rec_source(rng() % 2 ? "" : names[rng() % 3]);
            control.set_loudness(rng() % 2);
            control.set_direct(rng() % 5 == 0);
            control.set_mute(rng() % 7 == 0);
            control.set_dim(rng() % 3 == 0);
            slot.write(core::make_engine_params(control, fs));
            published.fetch_add(1);
            (void)meters.take();
        }
    });

    long seen_changes = 0;
    float last_gain = -1;
    std::size_t clock = 0;
    test::rt::reset();
    // Run until the storm has really been seen (bounded, for a badly loaded machine).
    for (long period = 0; period < 2000000; ++period) {
        if (period >= 20000 && published.load() >= 2000 && seen_changes >= 1000) break;
        for (unsigned k = 0; k < in.size(); ++k)
            for (unsigned i = 0; i < frames; ++i)
                in[k][i] = static_cast<float>(0.5 * std::sin(0.01 * (clock + i) * (k + 1)));
        clock += frames;
        {
            Watch rt;
            const dsp::EngineParams& p = slot.read();
            meters.begin_period(engine);
            engine.process(p, io, frames);
            meters.publish(engine);
            if (p.gain[0] != last_gain) ++seen_changes;
            last_gain = p.gain[0];
        }
    }
    stop = true;
    writer.join();

    EXPECT_EQ(forbidden_calls(), 0) << "the RT side allocated, freed, locked or blocked:\n"
                                    << test::rt::report("periods");
    EXPECT_GE(published.load(), 2000) << "the storm was not a storm";
    EXPECT_GE(seen_changes, 1000) << "the RT side did not see the parameters change";
    for (const auto& ch : buffers.pre)
        for (float v : ch)
            ASSERT_TRUE(std::isfinite(v));
}

TEST_F(Realtime, EverythingOnUnderAParameterStormIsAllocationAndLockFree) {
    if (auto why = test::spinning_threads_skip()) GTEST_SKIP() << *why;
    // Two sub channels, three further speaker sets, and every new parameter moving:
    // crossovers (two banks crossfading), sub level and polarity, delays, the mix.
    core::Config cfg;
    cfg.inputs = {{"cd", "CD", 0.0, {}}, {"phono", "Phono", 6.0, {}}};
    constexpr double fs = 48000;
    constexpr unsigned frames = 64;
    const dsp::OutputLayout layout{2, 4};

    core::Settings control(cfg);
    core::TripleBuffer<dsp::EngineParams> slot(core::make_engine_params(control, fs));
    dsp::Engine engine(2, 2, fs, layout);
    test::Buffers buffers(2, 2, frames, layout);
    const dsp::EngineIo io = buffers.io();
    for (unsigned k = 0; k < buffers.in.size(); ++k)
        for (unsigned i = 0; i < frames; ++i)
            buffers.in[k][i] = static_cast<float>(0.5 * std::sin(0.01 * i * (k + 1)));

    std::atomic<bool> stop{false};
    std::atomic<long> published{0};
    std::thread writer([&] {
        std::mt19937 rng(11);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        while (!stop.load()) {
            control.set_volume(-40 + 40 * u(rng));
            control.set_bass(-12 + 24 * u(rng));
            dsp::EngineParams p = core::make_engine_params(control, fs);
            const double fc = 40 + 210 * u(rng);
            p.bass.lowpass = dsp::Biquad::butterworth_lowpass(fs, fc);
            p.bass.highpass = dsp::Biquad::butterworth_highpass(fs, fc);
            p.bass.sub_gain = static_cast<float>(rng() % 3 == 0 ? 0.0 : 4 * u(rng) - 2);
            p.bass.mains_highpass = rng() % 4 == 0 ? 0.0f : 1.0f;
            p.bass.sub_delay_frames = static_cast<std::uint32_t>(rng() % 961);
            for (auto& row : p.mix)
                for (auto& v : row)
                    v = static_cast<float>(rng() % 3) * 0.5f - 0.5f;
            for (auto& set : p.speakers) {
                set.gain = rng() % 3 == 0 ? 0.0f : static_cast<float>(u(rng));
                set.delay_frames = static_cast<std::uint32_t>(rng() % 961);
            }
            slot.write(p);
            published.fetch_add(1);
        }
    });

    long seen_changes = 0;
    std::uint32_t last_delay = 1u << 31;
    test::rt::reset();
    for (long period = 0; period < 2000000; ++period) {
        if (period >= 20000 && published.load() >= 2000 && seen_changes >= 1000) break;
        Watch rt;
        const dsp::EngineParams& p = slot.read();
        engine.process(p, io, frames);
        if (p.bass.sub_delay_frames != last_delay) ++seen_changes;
        last_delay = p.bass.sub_delay_frames;
    }
    stop = true;
    writer.join();

    EXPECT_EQ(forbidden_calls(), 0) << "the RT side allocated, freed, locked or blocked:\n"
                                    << test::rt::report("periods");
    EXPECT_GE(published.load(), 2000) << "the storm was not a storm";
    EXPECT_GE(seen_changes, 1000) << "the RT side did not see the parameters change";
    for (const auto* side : {&buffers.pre, &buffers.sub, &buffers.speakers})
        for (const auto& ch : *side)
            for (float v : ch)
                ASSERT_TRUE(std::isfinite(v));
}
