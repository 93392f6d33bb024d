#include "Meters.hpp"

#include <algorithm>
#include <cmath>

namespace preamp::dsp {

void Meters::measure(ChannelMeter& m, const float* x, std::uint32_t n) noexcept {
    float peak = m.peak;
    float sum = 0.0f;
    std::uint32_t clips = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
        const float a = std::fabs(x[i]);
        peak = std::max(peak, a);
        sum += x[i] * x[i];
        clips += a > 1.0f;
    }
    m.peak = peak;
    m.sum_squares += static_cast<double>(sum);
    m.clips += clips;
}

void Meters::restart() noexcept {
    for (auto* side : {&rec, &pre})
        for (auto& m : *side) {
            m.peak = 0.0f;
            m.sum_squares = 0.0;
        }
    frames = 0;
}

} // namespace preamp::dsp
