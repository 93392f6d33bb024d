// Keeps Inf and NaN out of what preamp-render writes.
#include "NonFinite.hpp"

#include <cfloat>
#include <cmath>

namespace preamp::render {

std::uint32_t replace_non_finite(float* x, std::uint32_t n) noexcept {
    // A count first, which vectorises: almost always there is nothing to replace.
    std::uint32_t bad = 0;
    for (std::uint32_t i = 0; i < n; ++i)
        bad += !(std::fabs(x[i]) <= FLT_MAX);
    if (bad == 0) return 0;
    for (std::uint32_t i = 0; i < n; ++i)
        if (!(std::fabs(x[i]) <= FLT_MAX))
            x[i] = std::isnan(x[i]) ? 0.0f : std::copysign(1.0f, x[i]);
    return bad;
}

} // namespace preamp::render
