#pragma once

#include "Limits.hpp"
#include "Outputs.hpp"

#include <cstdint>

namespace preamp::dsp {

/// The monitor mix on C channels: out[c] = sum over k of mix[c][k] * in[k] (mono, swap
/// and polarity in one matrix, see MonitorMix). A new matrix is reached by a linear
/// crossfade from wherever the mix is, element by element, over the ramp; at the
/// identity, with nothing under way, the mixer does nothing (bit-exact).
class MonitorMixer {
public:
    /// Main thread.
    explicit MonitorMixer(unsigned channels) noexcept;

    /// RT thread: head for `mix`, over `ramp_frames` (0 = at once).
    void set_target(const MonitorMix& mix, std::uint32_t ramp_frames) noexcept;
    /// RT thread: jump to `mix`.
    void snap(const MonitorMix& mix) noexcept;
    /// RT thread: mix `frames` samples of the channels in place.
    void process(float* const* x, std::uint32_t frames) noexcept;

    [[nodiscard]] bool fading() const noexcept { return fade_left_ > 0; }

private:
    // The part of `m` the channels use (the rest is ignored).
    [[nodiscard]] bool is_identity(const MonitorMix& m) const noexcept;

    unsigned channels_;
    MonitorMix from_ = identity_mix();
    MonitorMix to_ = identity_mix();
    bool identity_ = true; // to_ is the identity
    std::uint32_t fade_len_ = 0;
    std::uint32_t fade_left_ = 0;
};

} // namespace preamp::dsp
