#pragma once

#include "BankCrossfade.hpp"
#include "Biquad.hpp"
#include "Limits.hpp"
#include "ToneKernel.hpp"

#include <array>
#include <cstdint>

namespace preamp::dsp {

/// The tone section's response: bass, treble and the four loudness sections (a shelf and
/// a peak each for bass and treble), with the kernel that runs them designed up front.
/// Identity stages are skipped; all six identity means the section is bypassed
/// bit-exactly.
class ToneParams {
public:
    enum Stage : unsigned {
        bass,
        treble,
        loudness_bass_shelf,
        loudness_bass_peak,
        loudness_treble_shelf,
        loudness_treble_peak,
        stage_count
    };
    using Stages = std::array<Biquad, stage_count>;

    /// The flat response.
    ToneParams() = default;
    /// Main thread: designs the kernel for `stages`, to run with `isa`.
    explicit ToneParams(const Stages& stages, Isa isa = best_isa())
        : stages_(stages), kernel_(ToneKernel::design(stages, isa)) {}

    [[nodiscard]] const Stages& stages() const noexcept { return stages_; }
    [[nodiscard]] const ToneKernel& kernel() const noexcept { return kernel_; }
    [[nodiscard]] bool is_identity() const noexcept { return kernel_.stages == 0; }
    bool operator==(const ToneParams& o) const noexcept { return stages_ == o.stages_; }

private:
    Stages stages_{};
    ToneKernel kernel_{};
};

/// Cascaded shelves on C channels. A new response crossfades in (BankCrossfade): the new
/// bank starts from the running bank's memory, stage by stage.
class ToneStack {
public:
    /// Main thread: allocates the crossfade scratch.
    explicit ToneStack(unsigned channels);

    /// RT thread: head for `target`, crossfading over `ramp_frames` (0 = at once).
    void set_target(const ToneParams& target, std::uint32_t ramp_frames) noexcept;
    /// RT thread: jump to `params` with cleared filter memory, no crossfade.
    void reset(const ToneParams& params) noexcept;
    /// RT thread: filter `frames` (<= kMaxBlock) samples of each channel in place.
    void process(float* const* channels, std::uint32_t frames) noexcept;

    /// True while two banks are crossfading.
    [[nodiscard]] bool fading() const noexcept { return banks_.fading(); }

private:
    struct Bank {
        ToneParams params{};
        std::array<std::array<double, ToneKernel::kMaxStates>, kMaxChannels> state{};

        void inherit(const Bank& from) noexcept;
        void run(float* const* x, unsigned channels, std::uint32_t frames) noexcept;
        void sanitize(unsigned channels) noexcept;
        void clear() noexcept;
    };

    BankCrossfade<Bank> banks_;
};

} // namespace preamp::dsp
