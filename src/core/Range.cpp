#include "Range.hpp"

#include "Errors.hpp"
#include "FormatNumber.hpp"

#include <cmath>

namespace preamp::core {

std::string Range::describe() const {
    std::string s = format_number(min) + " to " + format_number(max);
    if (!unit.empty()) s.append(" ").append(unit);
    return s;
}

void Range::check(std::string_view what, double v) const {
    if (std::isfinite(v) && contains(v)) return;
    std::string msg(what);
    msg += ' ';
    msg += format_number(v);
    if (!unit.empty() && std::isfinite(v)) msg.append(" ").append(unit);
    msg += std::isfinite(v) ? " is out of range" : " is not a finite number";
    msg += ": allowed " + describe();
    throw InvalidValue(msg);
}

} // namespace preamp::core
