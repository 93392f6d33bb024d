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

    /// The shelves' default Q, 1/sqrt(2): the cookbook's shelf slope S = 1, the steepest
    /// without overshoot.
    static constexpr double kShelfQ = 0.70710678118654752;

    /// RBJ Audio EQ Cookbook low shelf, f0 the cookbook's midpoint frequency; a lower q
    /// spreads the transition over more octaves. A gain of exactly 0 dB gives the
    /// identity section.
    [[nodiscard]] static Biquad low_shelf(double sample_rate, double f0, double gain_db,
                                          double q = kShelfQ);
    /// RBJ Audio EQ Cookbook high shelf; 0 dB gives the identity section.
    [[nodiscard]] static Biquad high_shelf(double sample_rate, double f0, double gain_db,
                                           double q = kShelfQ);
    /// RBJ Audio EQ Cookbook peaking EQ: `gain_db` at f0, bandwidth set by q; 0 dB gives
    /// the identity section.
    [[nodiscard]] static Biquad peaking(double sample_rate, double f0, double q, double gain_db);

    /// 2nd-order Butterworth low-pass (Q = 1/sqrt(2), -3.01 dB at f0), by the bilinear
    /// transform prewarped at f0. Run twice, it is a Linkwitz-Riley 4th-order branch
    /// (-6.02 dB at f0), and the two LR4 branches sum to an all-pass.
    [[nodiscard]] static Biquad butterworth_lowpass(double sample_rate, double f0);
    /// Its high-pass twin.
    [[nodiscard]] static Biquad butterworth_highpass(double sample_rate, double f0);

    /// H(e^jw) at frequency f: the analytic response of these coefficients.
    [[nodiscard]] std::complex<double> response(double sample_rate, double f) const noexcept;

    bool operator==(const Biquad&) const = default;
};

} // namespace preamp::dsp
