#include "Loudness.hpp"

#include <algorithm>

namespace preamp::dsp {

double Loudness::depth_db(double volume_db) const noexcept {
    return std::clamp(reference_db - volume_db, 0.0, std::max(0.0, reference_phon - kLowestPhon));
}

} // namespace preamp::dsp
