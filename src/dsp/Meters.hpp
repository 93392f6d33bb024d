#pragma once

#include "Limits.hpp"
#include "Outputs.hpp"

#include <array>
#include <cstdint>

namespace preamp::dsp {

/// Readings of one channel since the last reset (clips: since start).
struct ChannelMeter {
    float peak = 0.0f;        ///< largest |x|
    double sum_squares = 0.0; ///< for RMS: sqrt(sum_squares / frames)
    std::uint64_t clips = 0;  ///< samples with |x| > 1.0, never reset
};

/// What the engine measured on its inputs and outputs. Written by the RT thread only; the
/// control side receives copies (see core::MeterExchange).
struct Meters {
    /// Source s, channel c: [s * kMaxChannels + c], as it arrives (before the trim).
    std::array<ChannelMeter, kMaxSources * kMaxChannels> in{};
    std::array<ChannelMeter, kMaxChannels> rec{};
    std::array<ChannelMeter, kMaxChannels> pre{};
    std::array<ChannelMeter, kMaxSubChannels> sub{};
    /// Speaker set s >= 1, channel c: [(s - 1) * kMaxChannels + c].
    std::array<ChannelMeter, (kMaxSpeakerSets - 1) * kMaxChannels> speakers{};
    std::uint64_t frames = 0; ///< frames covered by peak and sum_squares
    /// Which engine measured (each one made in this process has a number of its own,
    /// from 1) and its count of restart(): a reading with the engine and interval of one
    /// taken before covers no new time, and clip counts start again with a new engine
    /// (core::MeterHub sees to both).
    std::uint64_t engine = 0;
    std::uint64_t interval = 0;

    /// RT thread: add `n` samples of `x` to `m`.
    static void measure(ChannelMeter& m, const float* x, std::uint32_t n) noexcept;
    /// RT thread: start a new measuring interval; clip counts carry on.
    void restart() noexcept;
};

} // namespace preamp::dsp
