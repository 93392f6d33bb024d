#pragma once

#include <string>

namespace preamp::core {

/// A number as people write it, for messages and descriptions: "%g" with up to ten
/// significant digits, no locale, no trailing zeros: -20, -20.5, 0.25; "nan", "inf".
[[nodiscard]] std::string format_number(double v);

} // namespace preamp::core
