#pragma once

#include "Biquad.hpp"

#include <array>
#include <cstdint>

namespace preamp::dsp {

/// Instruction sets the tone kernel has code for, in increasing order.
enum class Isa : unsigned { baseline, avx2, avx512 };

/// The best Isa this CPU runs (x86-64-v3 for avx2, x86-64-v4 for avx512).
[[nodiscard]] Isa best_isa() noexcept;

/// Up to six cascaded biquads folded into one linear state-space system that advances
/// four frames per step: (s, x[0..3]) -> (s', y[0..3]). Stepping four frames at once
/// breaks the one-sample feedback loop that makes a plain biquad latency-bound, and the
/// matrix products vectorise. The state is the stages' own transposed-direct-form-II
/// memories (s1, s2 per stage, in stage order), so a kernel can take over another's
/// memory stage by stage, and a plain TDF2 loop can finish a period's last frames on the
/// same state. Designed in double on the control side; RT code only runs it.
/// With AVX2 (x86-64-v3) four states of one channel fill a register (one or two
/// registers for up to two or four stages); with AVX-512 two channels share one. Without
/// either, and for five or six stages (tone and loudness together) everywhere, the
/// direct form runs on the same state: there the four-frame step costs more than it
/// saves. Where it runs it pays: stereo, 256 frames, 3.3x faster than the direct form
/// with 2 stages (4.1 against 13.6 ns a frame), 3.2x with 4 (5.6 against 17.8), on the CI
/// machine kind without AVX-512; the twelve-state step GCC 12 makes for 6 stages was
/// slower than the direct form (39 against 28 ns a frame) (tests/bench/bench_tone_kernel;
/// `meson test -C build --benchmark tone_kernel`).
struct ToneKernel {
    static constexpr unsigned kStep = 4;
    static constexpr unsigned kMaxStages = 6;
    static constexpr unsigned kMaxStates = 2 * kMaxStages;

    Isa isa = Isa::baseline;                     ///< which code runs it
    unsigned stages = 0;                         ///< active (non-identity) stages
    std::array<Biquad, kMaxStages> stage{};      ///< their coefficients, in order
    std::array<unsigned, kMaxStages> stage_id{}; ///< which ToneParams stage each one is

    // Step matrices, zero-padded to kMaxStates, laid out as columns of four or eight.
    alignas(32) double a[kMaxStates][kMaxStates]{}; ///< a[m][r]: state m -> new state r
    alignas(32) double b[kStep][kMaxStates]{};      ///< b[i][r]: input i -> new state r
    alignas(32) double c[kMaxStates][kStep]{};      ///< c[m][k]: state m -> output k
    alignas(32) double d[kStep][kStep]{};           ///< d[i][k]: input i -> output k

    /// Main thread: folds the non-identity stages of `stages_in`, to run with `isa`
    /// (lowered to what the CPU has; tests choose lower ones to cover every path).
    [[nodiscard]] static ToneKernel design(const std::array<Biquad, kMaxStages>& stages_in,
                                           Isa isa = best_isa());

    /// RT thread: filters x[0..frames) in place through `state` (kMaxStates doubles).
    void run(float* x, std::uint32_t frames, double* state) const noexcept;
    /// RT thread: the same for two channels at once (twice the throughput).
    void run2(float* x0, float* x1, std::uint32_t frames, double* state0,
              double* state1) const noexcept;
};

} // namespace preamp::dsp
