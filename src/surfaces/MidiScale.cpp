// midi_scale: MIDI values 0..127 onto ranges and back.

#include "MidiScale.hpp"

#include <algorithm>
#include <cmath>

namespace preamp::surfaces::midi_scale {
namespace {

constexpr double kTop = 127.0;
constexpr double kCentre = 64.0;

double quantized(double v, double quantum) noexcept {
    return std::round(v / quantum) * quantum;
}

unsigned to_value(double v) noexcept {
    return static_cast<unsigned>(std::clamp(std::lround(v), 0L, 127L));
}

} // namespace

double volume_db(unsigned value, const core::Range& range) noexcept {
    if (value == 0) return range.min;
    const double p = std::min<double>(value, kTop) / kTop;
    return range.clamp(quantized(range.min + (range.max - range.min) * p, 0.1));
}

unsigned volume_value(double db, const core::Range& range) noexcept {
    if (range.max <= range.min) return 0;
    return to_value((db - range.min) / (range.max - range.min) * kTop);
}

double centred(unsigned value, const core::Range& range, double quantum) noexcept {
    const double v = std::min<double>(value, kTop);
    const double out = v < kCentre ? range.min * (kCentre - v) / kCentre
                                   : range.max * (v - kCentre) / (kTop - kCentre);
    return range.clamp(quantized(out, quantum));
}

unsigned centred_value(double v, const core::Range& range) noexcept {
    if (v < 0.0 && range.min < 0.0) return to_value(kCentre - v / range.min * kCentre);
    if (v > 0.0 && range.max > 0.0) return to_value(kCentre + v / range.max * (kTop - kCentre));
    return static_cast<unsigned>(kCentre);
}

double step(const core::Range& range) noexcept {
    return (range.max - range.min) / kTop;
}

} // namespace preamp::surfaces::midi_scale
