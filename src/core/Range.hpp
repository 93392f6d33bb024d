#pragma once

#include <string>
#include <string_view>

namespace preamp::core {

/// A closed interval of allowed values and its unit, for validation and for messages.
struct Range {
    double min = 0.0;
    double max = 0.0;
    std::string_view unit; ///< "dB", "Hz", "ms" or empty

    [[nodiscard]] bool contains(double v) const noexcept { return v >= min && v <= max; }
    [[nodiscard]] double clamp(double v) const noexcept {
        return v < min ? min : v > max ? max : v;
    }
    /// "-80 to 0 dB"
    [[nodiscard]] std::string describe() const;
    /// Throws InvalidValue naming `what` and `v` unless `v` is a finite number in range.
    void check(std::string_view what, double v) const;
};

} // namespace preamp::core
