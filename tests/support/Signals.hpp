#pragma once

// Signal generation and measurement shared by the DSP tests and benchmarks.

#include <cstddef>
#include <functional>
#include <vector>

namespace preamp::test {

/// Sample `frame` of `channel` of `source`.
using Signal = std::function<float(unsigned source, unsigned channel, std::size_t frame)>;

/// The same sine on every source and channel.
Signal sine(double freq, double sample_rate, double amplitude, double phase = 0.0);

/// A programme of its own for each source and channel (two tones, 110 Hz * (s + 1) +
/// 37 Hz * c and its fifth harmonic), so that a wrong selection or mix shows.
float distinct_programme(unsigned source, unsigned channel, std::size_t frame, double sample_rate);
/// Frames [begin, begin + n) of distinct_programme(source, channel).
std::vector<float> distinct_programme(unsigned source, unsigned channel, std::size_t begin,
                                      std::size_t n, double sample_rate);

/// Amplitude of the component at `freq` in x[begin, end), by a least-squares fit of
/// a sin/cos pair (exact for a pure tone of that frequency).
double tone_amplitude(const std::vector<float>& x, std::size_t begin, std::size_t end, double freq,
                      double sample_rate);

double rms(const std::vector<float>& x, std::size_t begin, std::size_t end);
double peak(const std::vector<float>& x, std::size_t begin, std::size_t end);
/// Largest |x[n] - x[n-1]| for n in (begin, end).
double max_step(const std::vector<float>& x, std::size_t begin, std::size_t end);
double db(double ratio);

/// `count` frequencies spaced evenly on a log scale from `lo` to `hi`.
std::vector<double> log_frequencies(double lo, double hi, unsigned count);

/// Magnitude in dB of the RBJ shelf (S = 1) evaluated through its analog prototype and
/// the prewarped bilinear map s = j tan(pi f / fs) / tan(pi f0 / fs): an oracle computed
/// independently of dsp::Biquad's coefficients.
double analog_low_shelf_db(double f, double fs, double f0, double gain_db);
double analog_high_shelf_db(double f, double fs, double f0, double gain_db);
/// The same for the RBJ peaking EQ.
double analog_peaking_db(double f, double fs, double f0, double q, double gain_db);

} // namespace preamp::test
