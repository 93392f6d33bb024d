#pragma once

// Measurements of what a Probe recorded, on top of tests/support's Signals.hpp.

#include <cstddef>
#include <vector>

namespace preamp::test {

/// Index of the first sample whose magnitude exceeds `threshold`, or x.size(): where a
/// signal that followed silence arrived, i.e. the latency of the path it took.
[[nodiscard]] std::size_t onset(const std::vector<float>& x, float threshold = 0.0f);

/// Amplitude of the `freq` component of x[from, end) (a least-squares sine fit).
[[nodiscard]] double tone_amplitude_from(const std::vector<float>& x, std::size_t from, double freq,
                                         double rate);
/// The same, in dB relative to `reference` (dBFS when it is 1).
[[nodiscard]] double tone_db(const std::vector<float>& x, std::size_t from, double freq,
                             double rate, double reference = 1.0);
/// RMS and peak of x[from, end) in dBFS.
[[nodiscard]] double rms_db(const std::vector<float>& x, std::size_t from = 0);
[[nodiscard]] double peak_db(const std::vector<float>& x, std::size_t from = 0);

} // namespace preamp::test
