// dsp::ToneKernel side by side on each instruction set this CPU runs: the direct form
// (baseline) against the four-frame state-space step (avx2, avx512), for 2, 4 and 6 stages,
// stereo, 256 frames a period. Reports ns per frame; compare the rows of one run.

#include "dsp/Biquad.hpp"
#include "dsp/ToneKernel.hpp"

#include <array>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

namespace {

using namespace preamp::dsp;

constexpr double kRate = 48000.0;
constexpr std::uint32_t kFrames = 256;

std::array<Biquad, ToneKernel::kMaxStages> stages(unsigned active) {
    std::array<Biquad, ToneKernel::kMaxStages> s{};
    const std::array<Biquad, ToneKernel::kMaxStages> all{
        Biquad::low_shelf(kRate, 100.0, 6.0),    Biquad::high_shelf(kRate, 10000.0, -3.0),
        Biquad::low_shelf(kRate, 60.0, 4.0),     Biquad::high_shelf(kRate, 8000.0, 2.0),
        Biquad::peaking(kRate, 200.0, 0.7, 3.0), Biquad::peaking(kRate, 3000.0, 0.7, -2.0)};
    for (unsigned i = 0; i < active; ++i)
        s[i] = all[i];
    return s;
}

void BM_ToneKernel(benchmark::State& state) {
    const auto isa = static_cast<Isa>(state.range(0));
    if (isa > best_isa()) {
        state.SkipWithError("this CPU does not run that instruction set");
        return;
    }
    const ToneKernel k = ToneKernel::design(stages(static_cast<unsigned>(state.range(1))), isa);
    std::vector<float> left(kFrames), right(kFrames);
    std::mt19937 rng(42);
    std::uniform_real_distribution<float> noise(-0.25f, 0.25f);
    for (std::uint32_t i = 0; i < kFrames; ++i) {
        left[i] = noise(rng);
        right[i] = noise(rng);
    }
    double s0[ToneKernel::kMaxStates]{}, s1[ToneKernel::kMaxStates]{};
    const auto start = std::chrono::steady_clock::now();
    for (auto _ : state) {
        k.run2(left.data(), right.data(), kFrames, s0, s1);
        benchmark::DoNotOptimize(left.data());
        benchmark::DoNotOptimize(right.data());
        benchmark::ClobberMemory();
    }
    const std::chrono::duration<double, std::nano> elapsed =
        std::chrono::steady_clock::now() - start;
    const auto total = static_cast<std::int64_t>(kFrames) * state.iterations();
    state.SetItemsProcessed(total);
    state.counters["ns_per_frame"] = elapsed.count() / static_cast<double>(total);
}

BENCHMARK(BM_ToneKernel)->ArgNames({"isa", "stages"})->ArgsProduct({{0, 1, 2}, {2, 4, 6}});

} // namespace

BENCHMARK_MAIN();
