#pragma once

#include "Biquad.hpp"
#include "Limits.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace preamp::dsp {

/// The coefficient set of the tone section: bass, treble and the two loudness shelves.
/// Stages equal to the identity are skipped; all four identity means the section is
/// bypassed bit-exactly.
struct ToneParams {
    enum Stage : unsigned { bass, treble, loudness_low, loudness_high, stage_count };
    std::array<Biquad, stage_count> stage{};

    [[nodiscard]] bool is_identity() const noexcept;
    bool operator==(const ToneParams&) const = default;
};

/// Cascaded shelves on C channels. A new coefficient set never replaces the running one
/// abruptly: a second bank starts from the running bank's memory and the two outputs
/// are crossfaded linearly over the ramp (their signals are correlated, so equal gain
/// is right). A change that arrives during a crossfade waits for it to end.
class ToneStack {
public:
    /// Main thread: allocates the crossfade scratch.
    explicit ToneStack(unsigned channels);

    /// RT thread: take `target` as the response to head for, crossfading over
    /// `ramp_frames` (0 = at once).
    void set_target(const ToneParams& target, std::uint32_t ramp_frames) noexcept;
    /// RT thread: jump to `params` with cleared filter memory, no crossfade.
    void reset(const ToneParams& params) noexcept;
    /// RT thread: filter `frames` (<= kMaxBlock) samples of each channel in place.
    void process(float* const* channels, std::uint32_t frames) noexcept;

    /// True while two banks are crossfading.
    [[nodiscard]] bool fading() const noexcept { return fade_left_ > 0; }
    /// True when the section leaves its input untouched.
    [[nodiscard]] bool bypassed() const noexcept;

private:
    struct Bank {
        ToneParams params{};
        std::array<Biquad, ToneParams::stage_count> packed{};
        std::array<unsigned, ToneParams::stage_count> stage_of{};
        unsigned count = 0;
        std::array<std::array<BiquadState, ToneParams::stage_count>, kMaxChannels> state{};

        void load(const ToneParams& p) noexcept;
        void clear() noexcept;
        void inherit(const Bank& from) noexcept;
        void run(float* x, unsigned channel, std::uint32_t frames) noexcept;
        void sanitize(unsigned channels) noexcept;
    };

    unsigned channels_;
    std::array<Bank, 2> bank_{};
    unsigned current_ = 0;
    ToneParams pending_{};
    bool has_pending_ = false;
    std::uint32_t pending_ramp_ = 0;
    std::uint32_t fade_len_ = 0;
    std::uint32_t fade_left_ = 0;
    std::vector<float> scratch_;
};

} // namespace preamp::dsp
