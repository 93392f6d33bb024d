#pragma once

#include <cstdint>

namespace preamp::dsp {

/// Fixed capacities, so that every engine buffer and parameter snapshot is allocated
/// once, before the first period, and never grows.
inline constexpr unsigned kMaxSources = 64;
inline constexpr unsigned kMaxChannels = 8;
/// Longest stretch processed at once; longer periods are split internally.
inline constexpr std::uint32_t kMaxBlock = 1024;

} // namespace preamp::dsp
