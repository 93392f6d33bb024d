#include "Measure.hpp"

#include "Signals.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace preamp::test {
namespace {

void require_samples(const std::vector<float>& x, std::size_t from) {
    if (from >= x.size())
        throw std::invalid_argument("measuring from sample " + std::to_string(from) + " of only " +
                                    std::to_string(x.size()));
}

} // namespace

std::size_t onset(const std::vector<float>& x, float threshold) {
    const auto it =
        std::ranges::find_if(x, [threshold](float s) { return std::fabs(s) > threshold; });
    return static_cast<std::size_t>(it - x.begin());
}

double tone_amplitude_from(const std::vector<float>& x, std::size_t from, double freq,
                           double rate) {
    require_samples(x, from);
    return tone_amplitude(x, from, x.size(), freq, rate);
}

double tone_db(const std::vector<float>& x, std::size_t from, double freq, double rate,
               double reference) {
    return db(tone_amplitude_from(x, from, freq, rate) / reference);
}

double rms_db(const std::vector<float>& x, std::size_t from) {
    require_samples(x, from);
    return db(rms(x, from, x.size()));
}

double peak_db(const std::vector<float>& x, std::size_t from) {
    require_samples(x, from);
    return db(peak(x, from, x.size()));
}

} // namespace preamp::test
