#include "Signals.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

namespace preamp::test {

Signal sine(double freq, double sample_rate, double amplitude, double phase) {
    const double w = 2.0 * std::numbers::pi * freq / sample_rate;
    return [=](unsigned, unsigned, std::size_t n) {
        return static_cast<float>(amplitude * std::sin(w * static_cast<double>(n) + phase));
    };
}

float distinct_programme(unsigned source, unsigned channel, std::size_t frame, double sample_rate) {
    const double f = 110.0 * (source + 1) + 37.0 * channel;
    const double w = 2.0 * std::numbers::pi * f / sample_rate;
    const auto n = static_cast<double>(frame);
    return static_cast<float>(0.4 * std::sin(w * n) +
                              0.1 * std::sin(5.0 * w * n + source + channel));
}

std::vector<float> distinct_programme(unsigned source, unsigned channel, std::size_t begin,
                                      std::size_t n, double sample_rate) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = distinct_programme(source, channel, begin + i, sample_rate);
    return v;
}

double tone_amplitude(const std::vector<float>& x, std::size_t begin, std::size_t end, double freq,
                      double sample_rate) {
    const double w = 2.0 * std::numbers::pi * freq / sample_rate;
    double ss = 0, sc = 0, cc = 0, xs = 0, xc = 0;
    for (std::size_t n = begin; n < end; ++n) {
        const double s = std::sin(w * static_cast<double>(n));
        const double c = std::cos(w * static_cast<double>(n));
        const double v = static_cast<double>(x[n]);
        ss += s * s;
        sc += s * c;
        cc += c * c;
        xs += v * s;
        xc += v * c;
    }
    const double det = ss * cc - sc * sc;
    const double a = (xs * cc - xc * sc) / det;
    const double b = (xc * ss - xs * sc) / det;
    return std::hypot(a, b);
}

double rms(const std::vector<float>& x, std::size_t begin, std::size_t end) {
    double sum = 0;
    for (std::size_t n = begin; n < end; ++n)
        sum += static_cast<double>(x[n]) * static_cast<double>(x[n]);
    return std::sqrt(sum / static_cast<double>(end - begin));
}

double peak(const std::vector<float>& x, std::size_t begin, std::size_t end) {
    double p = 0;
    for (std::size_t n = begin; n < end; ++n)
        p = std::max(p, std::fabs(static_cast<double>(x[n])));
    return p;
}

double max_step(const std::vector<float>& x, std::size_t begin, std::size_t end) {
    double m = 0;
    for (std::size_t n = std::max<std::size_t>(begin, 1); n < end; ++n)
        m = std::max(m, std::fabs(static_cast<double>(x[n]) - static_cast<double>(x[n - 1])));
    return m;
}

double db(double ratio) {
    return 20.0 * std::log10(ratio);
}

std::vector<double> log_frequencies(double lo, double hi, unsigned count) {
    std::vector<double> f(count);
    for (unsigned i = 0; i < count; ++i)
        f[i] = lo * std::pow(hi / lo, static_cast<double>(i) / (count - 1));
    return f;
}

namespace {

std::complex<double> analog_s(double f, double fs, double f0) {
    return {0.0, std::tan(std::numbers::pi * f / fs) / std::tan(std::numbers::pi * f0 / fs)};
}

} // namespace

// Low shelf prototype: H(s) = A (s^2 + sqrt(A)/Q s + A) / (A s^2 + sqrt(A)/Q s + 1), 1/Q = sqrt 2.
double analog_low_shelf_db(double f, double fs, double f0, double gain_db) {
    const double a = std::pow(10.0, gain_db / 40.0);
    const auto s = analog_s(f, fs, f0);
    const double k = std::sqrt(a) * std::numbers::sqrt2;
    return db(std::abs(a * (s * s + k * s + a) / (a * s * s + k * s + 1.0)));
}

// High shelf prototype: H(s) = A (A s^2 + sqrt(A)/Q s + 1) / (s^2 + sqrt(A)/Q s + A).
double analog_high_shelf_db(double f, double fs, double f0, double gain_db) {
    const double a = std::pow(10.0, gain_db / 40.0);
    const auto s = analog_s(f, fs, f0);
    const double k = std::sqrt(a) * std::numbers::sqrt2;
    return db(std::abs(a * (a * s * s + k * s + 1.0) / (s * s + k * s + a)));
}

// Peaking prototype: H(s) = (s^2 + (A/Q) s + 1) / (s^2 + s / (A Q) + 1).
double analog_peaking_db(double f, double fs, double f0, double q, double gain_db) {
    const double a = std::pow(10.0, gain_db / 40.0);
    const auto s = analog_s(f, fs, f0);
    return db(std::abs((s * s + a / q * s + 1.0) / (s * s + s / (a * q) + 1.0)));
}

} // namespace preamp::test
