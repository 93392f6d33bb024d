#pragma once

#include <cstddef>

namespace preamp::render {

/// x[i * channels + c] -> y[c][i] for i < frames. Stereo (the common case) in SSE.
void deinterleave(const float* x, float* const* y, unsigned channels, std::size_t frames) noexcept;

/// x[c][i] -> y[i * channels + c] for i < frames.
void interleave(const float* const* x, float* y, unsigned channels, std::size_t frames) noexcept;

} // namespace preamp::render
