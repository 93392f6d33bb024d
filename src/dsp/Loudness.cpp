#include "Loudness.hpp"

#include <algorithm>
#include <cmath>

namespace preamp::dsp {
namespace {

double tenth(double db) noexcept {
    return std::round(db * 10.0) / 10.0;
}

} // namespace

Loudness::Boost Loudness::boost(double volume_db) const noexcept {
    const double below = std::max(0.0, reference_db - volume_db);
    return {tenth(std::min(bass_max_db, bass_slope * below)),
            tenth(std::min(treble_max_db, treble_slope * below))};
}

} // namespace preamp::dsp
