#pragma once

#include "Biquad.hpp"
#include "Limits.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace preamp::dsp {

/// One branch of a Linkwitz-Riley 4th-order crossover on C channels: the same 2nd-order
/// Butterworth section run twice, direct form I in double. A new section never replaces
/// the running one abruptly: a second bank takes over the running bank's memory (the
/// same past inputs and outputs) and the two outputs are crossfaded linearly over the
/// ramp, as ToneStack does. A change that arrives during a crossfade waits for it.
class LinkwitzRiley {
public:
    /// Main thread: allocates the crossfade scratch for `channels` (<= kMaxChannels).
    explicit LinkwitzRiley(unsigned channels);

    /// RT thread: head for `section`, crossfading over `ramp_frames` (0 = at once).
    void set_target(const Biquad& section, std::uint32_t ramp_frames) noexcept;
    /// RT thread: jump to `section` with cleared memory, no crossfade.
    void reset(const Biquad& section) noexcept;
    /// RT thread: clear the memory, as if the input had always been silent (for a branch
    /// nobody listens to, which then does no work); a pending section is taken at once.
    void clear() noexcept;
    /// RT thread: filter `frames` (<= kMaxBlock) samples of each channel in place.
    void process(float* const* x, std::uint32_t frames) noexcept;

    /// True while two banks are crossfading or a new section waits to be crossfaded in.
    [[nodiscard]] bool fading() const noexcept { return fade_left_ > 0 || has_pending_; }

private:
    /// Per channel: x[n-1], x[n-2], the first section's y[n-1], y[n-2] (the second's
    /// inputs) and the second's y[n-1], y[n-2].
    using State = std::array<double, 6>;

    struct Bank {
        Biquad section{};
        std::array<State, kMaxChannels> state{};

        void run(float* const* x, unsigned channels, std::uint32_t frames) noexcept;
        void sanitize(unsigned channels) noexcept;
    };

    unsigned channels_;
    std::array<Bank, 2> bank_{};
    unsigned current_ = 0;
    Biquad pending_{};
    bool has_pending_ = false;
    bool cleared_ = true;
    std::uint32_t pending_ramp_ = 0;
    std::uint32_t fade_len_ = 0;
    std::uint32_t fade_left_ = 0;
    std::vector<float> scratch_;
};

} // namespace preamp::dsp
