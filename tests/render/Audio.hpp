#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace preamp::test {

/// Interleaved float audio and what describes it.
struct Audio {
    int rate = 48000;
    int channels = 2;
    int format = 0; ///< libsndfile SF_FORMAT_*; 0 for raw float32
    std::vector<float> samples;

    [[nodiscard]] std::size_t frames() const {
        return samples.size() / static_cast<std::size_t>(channels);
    }
    /// Channel `c` on its own.
    [[nodiscard]] std::vector<float> channel(int c) const;
};

/// `seconds` of a sine of `freq` Hz and `amplitude` on every channel, phase-shifted per
/// channel so a swapped channel shows.
Audio make_sine(double freq, double amplitude, double seconds, int rate = 48000, int channels = 2);
/// `seconds` of the sum of sines of `freqs` Hz, each of `amplitude` and its own phase, the
/// same on every channel.
Audio make_tones(const std::vector<double>& freqs, double amplitude, double seconds,
                 int rate = 48000, int channels = 2);
/// `frames` of silence but for 1.0 at frame `at` on every channel.
Audio make_impulse(std::size_t frames, std::size_t at, int rate = 48000, int channels = 2);
/// Repeatable noise in [-1, 1) (with a few samples beyond full scale).
Audio make_noise(std::size_t frames, int channels, unsigned seed = 1);

void write_raw(const std::string& path, const Audio& a);
/// Raw float32 bytes of `a`, as a string.
std::string raw_bytes(const Audio& a);
Audio read_raw(const std::string& path, int channels, int rate = 48000);
/// Writes `a` with libsndfile in a.format.
void write_sound(const std::string& path, const Audio& a);
/// Reads a sound file as floats, with its format.
Audio read_sound(const std::string& path);
/// Reads a 16-bit sound file as integers.
std::vector<short> read_shorts(const std::string& path);

std::string read_bytes(const std::string& path);
void write_bytes(const std::string& path, const std::string& bytes);

} // namespace preamp::test
