#pragma once

#include <cstddef>

namespace preamp::render {

/// x[i * channels + c] -> y[c][i] for i < frames. Stereo (the common case) four frames at
/// a time, in 128-bit vectors (SSE on x86-64, NEON on AArch64).
void deinterleave(const float* x, float* const* y, unsigned channels, std::size_t frames) noexcept;

/// x[c][i] -> y[i * channels + c] for i < frames.
void interleave(const float* const* x, float* y, unsigned channels, std::size_t frames) noexcept;

} // namespace preamp::render
