#pragma once

#include <complex>

namespace preamp::dsp {

/// Normalised second-order section: H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2).
/// Designed in double on the control side; the RT thread only reads it.
struct Biquad {
    double b0 = 1.0, b1 = 0.0, b2 = 0.0, a1 = 0.0, a2 = 0.0;

    /// The section that passes its input unchanged; the engine skips it entirely.
    [[nodiscard]] bool is_identity() const noexcept {
        return b0 == 1.0 && b1 == 0.0 && b2 == 0.0 && a1 == 0.0 && a2 == 0.0;
    }

    /// RBJ Audio EQ Cookbook low shelf, shelf slope S = 1, f0 the cookbook's midpoint
    /// frequency. A gain of exactly 0 dB gives the identity section.
    [[nodiscard]] static Biquad low_shelf(double sample_rate, double f0, double gain_db);
    /// RBJ Audio EQ Cookbook high shelf, S = 1; 0 dB gives the identity section.
    [[nodiscard]] static Biquad high_shelf(double sample_rate, double f0, double gain_db);

    /// H(e^jw) at frequency f: the analytic response of these coefficients.
    [[nodiscard]] std::complex<double> response(double sample_rate, double f) const noexcept;

    bool operator==(const Biquad&) const = default;
};

} // namespace preamp::dsp
