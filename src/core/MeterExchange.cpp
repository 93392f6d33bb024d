#include "MeterExchange.hpp"

#include <cmath>
#include <limits>

namespace preamp::core {

double to_dbfs(double linear) noexcept {
    if (linear <= 0.0) return -std::numeric_limits<double>::infinity();
    return 20.0 * std::log10(linear);
}

} // namespace preamp::core
