#include "Iso226.hpp"

#include <algorithm>
#include <cmath>

namespace preamp::core {

// ISO 226:2003, table 1.
const std::array<double, Iso226::kBands> Iso226::frequency_hz{
    20,  25,  31.5, 40,   50,   63,   80,   100,  125,  160,  200,  250,  315,   400,  500,
    630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000, 6300, 8000, 10000, 12500};
const std::array<double, Iso226::kBands> Iso226::af{
    0.532, 0.506, 0.480, 0.455, 0.432, 0.409, 0.387, 0.367, 0.349, 0.330,
    0.315, 0.301, 0.288, 0.276, 0.267, 0.259, 0.253, 0.250, 0.246, 0.244,
    0.243, 0.243, 0.243, 0.242, 0.242, 0.245, 0.254, 0.271, 0.301};
const std::array<double, Iso226::kBands> Iso226::lu_db{
    -31.6, -27.2, -23.0, -19.1, -15.9, -13.0, -10.3, -8.1,  -6.2, -4.5,
    -3.1,  -2.0,  -1.1,  -0.4,  0.0,   0.3,   0.5,   0.0,   -2.7, -4.1,
    -1.0,  1.7,   2.5,   1.2,   -2.1,  -7.1,  -11.2, -10.7, -3.1};
const std::array<double, Iso226::kBands> Iso226::tf_db{
    78.5, 68.7, 59.5, 51.1, 44.0, 37.5, 31.5, 26.5, 22.1, 17.9, 14.4, 11.4, 8.6,  6.2, 4.4,
    3.0,  2.2,  2.4,  3.5,  1.7,  -1.3, -4.2, -6.0, -5.4, -1.5, 6.0,  12.6, 13.9, 12.3};

double Iso226::spl_db(std::size_t band, double phon) noexcept {
    const double a = af[band];
    const double lu = lu_db[band];
    // Section 4.1, formulae (1) and (2).
    const double big_af = 4.47e-3 * (std::pow(10.0, 0.025 * phon) - 1.15) +
                          std::pow(0.4 * std::pow(10.0, (tf_db[band] + lu) / 10.0 - 9.0), a);
    return 10.0 / a * std::log10(big_af) - lu + 94.0;
}

double Iso226::spl_at(double f_hz, double phon) noexcept {
    if (!(f_hz > frequency_hz.front())) return spl_db(0, phon);
    if (f_hz >= frequency_hz.back()) return spl_db(kBands - 1, phon);
    const auto hi = static_cast<std::size_t>(
        std::upper_bound(frequency_hz.begin(), frequency_hz.end(), f_hz) - frequency_hz.begin());
    const std::size_t lo = hi - 1;
    const double t =
        std::log(f_hz / frequency_hz[lo]) / std::log(frequency_hz[hi] / frequency_hz[lo]);
    return (1.0 - t) * spl_db(lo, phon) + t * spl_db(hi, phon);
}

} // namespace preamp::core
