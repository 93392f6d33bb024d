#pragma once

#include <cstdint>
#include <vector>

namespace preamp::dsp {

/// Picks one of N sources of C channels. A switch is an equal-power crossfade
/// (cos/sin) over a fixed length, so two unrelated programmes keep a steady loudness
/// through it; a further switch requested mid-fade waits for the fade to end.
/// When not fading, the output is a bit-exact copy of the selected source.
class Selector {
public:
    /// Main thread: builds the fade table.
    Selector(unsigned sources, unsigned channels, std::uint32_t fade_frames);

    /// RT thread: the source to head for (ignored when out of range).
    void select(unsigned source) noexcept;
    /// RT thread: switch at once, no fade.
    void snap(unsigned source) noexcept;
    /// RT thread: out[c][0..frames) from in[source * C + c][offset ..]. With `sanitize`,
    /// NaN and infinities become 0 on the way through.
    void process(const float* const* in, std::uint32_t offset, float* const* out,
                 std::uint32_t frames, bool sanitize) noexcept;

    [[nodiscard]] bool fading() const noexcept { return pos_ < len_; }

private:
    unsigned sources_;
    unsigned channels_;
    std::uint32_t len_;
    std::vector<float> gain_; // sin(pi/2 * k / len), k = 0..len
    unsigned current_ = 0;
    unsigned from_ = 0;
    unsigned wanted_ = 0;
    std::uint32_t pos_;
};

} // namespace preamp::dsp
