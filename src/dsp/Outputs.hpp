#pragma once

#include "Biquad.hpp"
#include "Limits.hpp"

#include <array>
#include <cstdint>

namespace preamp::dsp {

/// pre_out and up to three further speaker sets (monitor controllers' A, B, C, D).
inline constexpr unsigned kMaxSpeakerSets = 4;
/// One subwoofer output, or two (left and right bass, one subwoofer beside each main).
inline constexpr unsigned kMaxSubChannels = 2;
/// The longest delay of sub_out or a speaker set (bass_management.sub_delay_ms,
/// speakers.*.delay_ms).
inline constexpr double kMaxDelaySeconds = 0.020;

/// The variable outputs an engine has beside pre_out, fixed when it is built (like its
/// sources and channels): their buffers are allocated then.
struct OutputLayout {
    /// 0: no bass management (no sub_out). 1: sub_out carries the low-passed mean of
    /// every channel ((L+R)/2 for stereo). 2 (stereo only): sub_out_L the low-passed left
    /// channel, sub_out_R the right.
    unsigned sub_channels = 0;
    /// 1: pre_out only. More: pre_out is set 0, the others follow in config order.
    unsigned speaker_sets = 1;

    bool operator==(const OutputLayout&) const = default;
};

/// Bass management: a Linkwitz-Riley 4th-order crossover, each branch the same
/// 2nd-order Butterworth section run twice (designed in double on the control side).
/// The sub branch takes the pre path after the gains (so it follows volume, mute and
/// dim), before the monitor mix (mono, swap and polarity are the mains' business).
struct BassParams {
    Biquad lowpass{};  ///< Butterworth low-pass at the crossover, Q = 1/sqrt(2)
    Biquad highpass{}; ///< its high-pass twin, for the mains
    /// Level * polarity (-1 inverted) * enabled (0 off): ramped over ramp_frames.
    float sub_gain = 0.0f;
    /// 1: the mains are high-passed; 0: full range. Ramped: the mains crossfade from one
    /// to the other, so switching bass management on and off is click-free.
    float mains_highpass = 0.0f;
    /// sub_out's delay, at most round(kMaxDelaySeconds * sample rate) (more is clamped);
    /// a change crossfades.
    std::uint32_t sub_delay_frames = 0;

    bool operator==(const BassParams&) const = default;
};

/// One speaker set's own gain and delay, after the monitor mix.
struct SpeakerParams {
    /// trim * on (0 when the set is off): ramped, so switching sets crossfades.
    float gain = 1.0f;
    /// At most round(kMaxDelaySeconds * sample rate) (more is clamped); a change crossfades.
    std::uint32_t delay_frames = 0;

    bool operator==(const SpeakerParams&) const = default;
};

/// mains[c] = sum over k of mix[c][k] * pre[k], after the bass split: mono, swap and
/// per-channel polarity in one matrix, ramped element by element (a linear crossfade
/// between the old and the new mix). The identity is skipped, bit-exactly.
using MonitorMix = std::array<std::array<float, kMaxChannels>, kMaxChannels>;

[[nodiscard]] constexpr MonitorMix identity_mix() noexcept {
    MonitorMix m{};
    for (unsigned c = 0; c < kMaxChannels; ++c)
        m[c][c] = 1.0f;
    return m;
}

} // namespace preamp::dsp
