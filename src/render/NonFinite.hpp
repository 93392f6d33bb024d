#pragma once

#include <cstdint>

namespace preamp::render {

/// Replaces the samples of `x` that are not finite, so that no file gets them: +-Inf by
/// full scale (+-1.0), NaN by silence (0). Returns how many it replaced.
[[nodiscard]] std::uint32_t replace_non_finite(float* x, std::uint32_t n) noexcept;

} // namespace preamp::render
