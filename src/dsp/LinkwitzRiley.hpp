#pragma once

#include "BankCrossfade.hpp"
#include "Biquad.hpp"
#include "Limits.hpp"

#include <array>
#include <cstdint>

namespace preamp::dsp {

/// One branch of a Linkwitz-Riley 4th-order crossover on C channels: the same 2nd-order
/// Butterworth section run twice, direct form I in double. A new section crossfades in
/// (BankCrossfade): the new bank takes over the running bank's memory (the same past
/// inputs and outputs).
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
    [[nodiscard]] bool fading() const noexcept { return banks_.fading() || banks_.pending(); }

private:
    /// Per channel: x[n-1], x[n-2], the first section's y[n-1], y[n-2] (the second's
    /// inputs) and the second's y[n-1], y[n-2].
    using State = std::array<double, 6>;

    struct Bank {
        Biquad params{};
        std::array<State, kMaxChannels> state{};

        void inherit(const Bank& from) noexcept { state = from.state; }
        void run(float* const* x, unsigned channels, std::uint32_t frames) noexcept;
        void sanitize(unsigned channels) noexcept;
        void clear() noexcept;
    };

    BankCrossfade<Bank> banks_;
    bool cleared_ = true;
};

} // namespace preamp::dsp
