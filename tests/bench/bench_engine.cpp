// dsp::Engine::process per period, as the JACK process thread calls it: stereo,
// 48 kHz, 2 or 8 sources, rec_out and pre_out both wanted (and, with bass management,
// sub_out and a second speaker set). Reports ns per frame.

#include "Buffers.hpp"
#include "Rig.hpp"
#include "core/EngineParams.hpp"
#include "core/Settings.hpp"
#include "dsp/Engine.hpp"

#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace preamp;

constexpr double kRate = 48000.0;
constexpr unsigned kChannels = 2;

enum class Preset { neutral, tone, loudness, bass };

core::Settings settings_for(unsigned sources, Preset preset) {
    core::Settings settings(test::stereo_config(sources));
    settings.set_volume(-20.0);
    if (preset == Preset::tone || preset == Preset::bass) {
        settings.set_bass(6.0);
        settings.set_treble(-3.0);
    }
    if (preset == Preset::loudness) settings.set_loudness(true);
    return settings;
}

/// -12 dBFS white noise on every input (filters must not run on zeros only).
void fill_with_noise(test::Buffers& buffers) {
    std::mt19937 rng(42);
    std::uniform_real_distribution<float> noise(-0.25f, 0.25f);
    for (auto& ch : buffers.in)
        for (auto& x : ch)
            x = noise(rng);
}

/// Bass management on top of the tone preset: one sub channel crossed over at 80 Hz and
/// delayed 2 ms, the mains high-passed, and a second speaker set on, 1 ms later.
dsp::OutputLayout layout_for(Preset preset) {
    return preset == Preset::bass ? dsp::OutputLayout{1, 2} : dsp::OutputLayout{};
}

dsp::EngineParams params_for(const core::Settings& settings, Preset preset) {
    dsp::EngineParams p = core::make_engine_params(settings, kRate);
    if (preset != Preset::bass) return p;
    p.bass.lowpass = dsp::Biquad::butterworth_lowpass(kRate, 80.0);
    p.bass.highpass = dsp::Biquad::butterworth_highpass(kRate, 80.0);
    p.bass.sub_gain = 1.0f;
    p.bass.mains_highpass = 1.0f;
    p.bass.sub_delay_frames = 96;
    p.speakers[1] = {0.8f, 48};
    return p;
}

void process(benchmark::State& state, Preset preset) {
    const auto frames = static_cast<std::uint32_t>(state.range(0));
    const auto sources = static_cast<unsigned>(state.range(1));
    const core::Settings settings = settings_for(sources, preset);
    const dsp::EngineParams params = params_for(settings, preset);
    dsp::Engine engine(sources, kChannels, kRate, layout_for(preset));
    engine.reset(params);
    test::Buffers buffers(sources, kChannels, frames, layout_for(preset));
    fill_with_noise(buffers);
    const dsp::EngineIo io = buffers.io();

    const auto start = std::chrono::steady_clock::now();
    for (auto _ : state) {
        engine.process(params, io, frames);
        benchmark::DoNotOptimize(buffers.pre_ptrs[0][frames - 1]);
        benchmark::ClobberMemory();
    }
    const std::chrono::duration<double, std::nano> elapsed =
        std::chrono::steady_clock::now() - start;

    const auto total = static_cast<std::int64_t>(frames) * state.iterations();
    state.SetItemsProcessed(total);
    const double ns_per_frame = elapsed.count() / static_cast<double>(total);
    state.counters["ns_per_frame"] = ns_per_frame;
    // How many times faster than a 48 kHz stream needs (its budget: 20833 ns per frame).
    state.counters["x_realtime"] = 1e9 / kRate / ns_per_frame;
}

void BM_Tone(benchmark::State& state) {
    process(state, Preset::tone);
}
void BM_Neutral(benchmark::State& state) {
    process(state, Preset::neutral);
}
void BM_Loudness(benchmark::State& state) {
    process(state, Preset::loudness);
}
/// BM_Tone with bass management and a second speaker set: compare the two.
void BM_ToneBassManaged(benchmark::State& state) {
    process(state, Preset::bass);
}

void periods(benchmark::internal::Benchmark* b, std::vector<std::int64_t> sources) {
    b->ArgNames({"frames", "sources"});
    for (const std::int64_t s : sources)
        for (const std::int64_t frames : {16, 64, 256, 1024})
            b->Args({frames, s});
}

BENCHMARK(BM_Tone)->Apply([](auto* b) { periods(b, {2, 8}); });
BENCHMARK(BM_Neutral)->Apply([](auto* b) { periods(b, {2}); });
BENCHMARK(BM_Loudness)->Apply([](auto* b) { periods(b, {2}); });
BENCHMARK(BM_ToneBassManaged)->Apply([](auto* b) { periods(b, {2}); });

} // namespace

BENCHMARK_MAIN();
