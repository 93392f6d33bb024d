#include "Biquad.hpp"

#include <cmath>
#include <numbers>

namespace preamp::dsp {
namespace {

enum class Shelf { low, high };

// RBJ cookbook shelves. A = 10^(dB/40), w0 = 2 pi f0 / Fs, alpha = sin(w0) / (2 Q)
// (the cookbook's Q form; S = 1 is Q = 1/sqrt(2)).
Biquad shelf(Shelf kind, double sample_rate, double f0, double gain_db, double q) {
    if (gain_db == 0.0) return {};
    const double a = std::pow(10.0, gain_db / 40.0);
    const double w0 = 2.0 * std::numbers::pi * f0 / sample_rate;
    const double cw = std::cos(w0);
    const double alpha = std::sin(w0) / (2.0 * q);
    const double k = 2.0 * std::sqrt(a) * alpha;
    const double sign = kind == Shelf::low ? 1.0 : -1.0;

    const double b0 = a * ((a + 1.0) - sign * (a - 1.0) * cw + k);
    const double b1 = sign * 2.0 * a * ((a - 1.0) - sign * (a + 1.0) * cw);
    const double b2 = a * ((a + 1.0) - sign * (a - 1.0) * cw - k);
    const double a0 = (a + 1.0) + sign * (a - 1.0) * cw + k;
    const double a1 = -sign * 2.0 * ((a - 1.0) + sign * (a + 1.0) * cw);
    const double a2 = (a + 1.0) + sign * (a - 1.0) * cw - k;
    return {b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0};
}

enum class Pass { low, high };

// RBJ cookbook low- and high-pass with Q = 1/sqrt(2): the bilinear transform (prewarped
// at f0) of the 2nd-order Butterworth, alpha = sin(w0) / (2 Q) = sin(w0) / sqrt(2).
Biquad butterworth(Pass kind, double sample_rate, double f0) {
    const double w0 = 2.0 * std::numbers::pi * f0 / sample_rate;
    const double cw = std::cos(w0);
    const double alpha = std::sin(w0) / std::numbers::sqrt2;
    const double a0 = 1.0 + alpha;
    const double b1 = kind == Pass::low ? 1.0 - cw : -(1.0 + cw);
    const double b0 = std::fabs(b1) / 2.0;
    return {b0 / a0, b1 / a0, b0 / a0, -2.0 * cw / a0, (1.0 - alpha) / a0};
}

} // namespace

Biquad Biquad::butterworth_lowpass(double sample_rate, double f0) {
    return butterworth(Pass::low, sample_rate, f0);
}

Biquad Biquad::butterworth_highpass(double sample_rate, double f0) {
    return butterworth(Pass::high, sample_rate, f0);
}

Biquad Biquad::low_shelf(double sample_rate, double f0, double gain_db, double q) {
    return shelf(Shelf::low, sample_rate, f0, gain_db, q);
}

Biquad Biquad::high_shelf(double sample_rate, double f0, double gain_db, double q) {
    return shelf(Shelf::high, sample_rate, f0, gain_db, q);
}

// RBJ cookbook peaking EQ: A = 10^(dB/40), alpha = sin(w0) / (2 Q);
// H(s) = (s^2 + s (A/Q) + 1) / (s^2 + s / (A Q) + 1).
Biquad Biquad::peaking(double sample_rate, double f0, double q, double gain_db) {
    if (gain_db == 0.0) return {};
    const double a = std::pow(10.0, gain_db / 40.0);
    const double w0 = 2.0 * std::numbers::pi * f0 / sample_rate;
    const double cw = std::cos(w0);
    const double alpha = std::sin(w0) / (2.0 * q);
    const double a0 = 1.0 + alpha / a;
    return {(1.0 + alpha * a) / a0, -2.0 * cw / a0, (1.0 - alpha * a) / a0, -2.0 * cw / a0,
            (1.0 - alpha / a) / a0};
}

std::complex<double> Biquad::response(double sample_rate, double f) const noexcept {
    const std::complex<double> z1 = std::polar(1.0, -2.0 * std::numbers::pi * f / sample_rate);
    const std::complex<double> z2 = z1 * z1;
    return (b0 + b1 * z1 + b2 * z2) / (1.0 + a1 * z1 + a2 * z2);
}

} // namespace preamp::dsp
