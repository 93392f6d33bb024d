#include "Audio.hpp"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <random>
#include <sndfile.h>
#include <stdexcept>

namespace preamp::test {
namespace {

struct Sound {
    SNDFILE* f;
    SF_INFO info{};
    Sound(const std::string& path, int mode, const SF_INFO& i) : info(i) {
        f = sf_open(path.c_str(), mode, &info);
        if (f == nullptr) throw std::runtime_error(path + ": " + sf_strerror(nullptr));
    }
    ~Sound() { sf_close(f); }
    Sound(const Sound&) = delete;
    Sound& operator=(const Sound&) = delete;
};

// Every frame, also of a stream that does not say how long it is.
template <class T>
std::vector<T> read_all(Sound& s, sf_count_t (*read)(SNDFILE*, T*, sf_count_t)) {
    std::vector<T> v;
    const auto channels = static_cast<std::size_t>(s.info.channels);
    std::vector<T> block(4096 * channels);
    sf_count_t n;
    while ((n = read(s.f, block.data(), 4096)) > 0)
        v.insert(v.end(), block.begin(),
                 block.begin() + static_cast<long>(static_cast<std::size_t>(n) * channels));
    if (sf_error(s.f) != SF_ERR_NO_ERROR) throw std::runtime_error(sf_strerror(s.f));
    return v;
}

} // namespace

std::vector<float> Audio::channel(int c) const {
    std::vector<float> v(frames());
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = samples[i * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)];
    return v;
}

Audio make_sine(double freq, double amplitude, double seconds, int rate, int channels) {
    Audio a;
    a.rate = rate;
    a.channels = channels;
    const auto frames = static_cast<std::size_t>(seconds * rate);
    a.samples.resize(frames * static_cast<std::size_t>(channels));
    const double w = 2.0 * std::numbers::pi * freq / rate;
    for (std::size_t i = 0; i < frames; ++i)
        for (int c = 0; c < channels; ++c)
            a.samples[i * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)] =
                static_cast<float>(amplitude * std::sin(w * static_cast<double>(i) + 0.3 * c));
    return a;
}

Audio make_tones(const std::vector<double>& freqs, double amplitude, double seconds, int rate,
                 int channels) {
    Audio a;
    a.rate = rate;
    a.channels = channels;
    const auto frames = static_cast<std::size_t>(seconds * rate);
    const auto width = static_cast<std::size_t>(channels);
    a.samples.resize(frames * width);
    for (std::size_t k = 0; k < freqs.size(); ++k) {
        const double w = 2.0 * std::numbers::pi * freqs[k] / rate;
        const double phase = 0.7 * static_cast<double>(k * k); // no peaks that line up
        for (std::size_t i = 0; i < frames; ++i) {
            const auto v =
                static_cast<float>(amplitude * std::sin(w * static_cast<double>(i) + phase));
            for (std::size_t c = 0; c < width; ++c)
                a.samples[i * width + c] += v;
        }
    }
    return a;
}

Audio make_impulse(std::size_t frames, std::size_t at, int rate, int channels) {
    Audio a;
    a.rate = rate;
    a.channels = channels;
    const auto width = static_cast<std::size_t>(channels);
    a.samples.resize(frames * width);
    for (std::size_t c = 0; c < width; ++c)
        a.samples[at * width + c] = 1.0f;
    return a;
}

Audio make_noise(std::size_t frames, int channels, unsigned seed) {
    Audio a;
    a.channels = channels;
    a.samples.resize(frames * static_cast<std::size_t>(channels));
    std::mt19937 gen(seed);
    std::uniform_real_distribution<float> d(-1.0f, 1.0f);
    for (auto& x : a.samples)
        x = d(gen);
    for (std::size_t i = 0; i < a.samples.size(); i += 997)
        a.samples[i] *= 1.5f;
    return a;
}

std::string raw_bytes(const Audio& a) {
    std::string s(a.samples.size() * sizeof(float), '\0');
    std::memcpy(s.data(), a.samples.data(), s.size());
    return s;
}

void write_raw(const std::string& path, const Audio& a) {
    write_bytes(path, raw_bytes(a));
}

Audio read_raw(const std::string& path, int channels, int rate) {
    const std::string bytes = read_bytes(path);
    Audio a;
    a.rate = rate;
    a.channels = channels;
    a.samples.resize(bytes.size() / sizeof(float));
    std::memcpy(a.samples.data(), bytes.data(), a.samples.size() * sizeof(float));
    return a;
}

void write_sound(const std::string& path, const Audio& a) {
    SF_INFO i{};
    i.samplerate = a.rate;
    i.channels = a.channels;
    i.format = a.format;
    Sound s(path, SFM_WRITE, i);
    sf_command(s.f, SFC_SET_CLIPPING, nullptr, SF_TRUE);
    const auto frames = static_cast<sf_count_t>(a.frames());
    if (sf_writef_float(s.f, a.samples.data(), frames) != frames)
        throw std::runtime_error(path + ": " + sf_strerror(s.f));
}

Audio read_sound(const std::string& path) {
    Sound s(path, SFM_READ, SF_INFO{});
    Audio a;
    a.rate = s.info.samplerate;
    a.channels = s.info.channels;
    a.format = s.info.format;
    a.samples = read_all<float>(s, sf_readf_float);
    return a;
}

std::vector<short> read_shorts(const std::string& path) {
    Sound s(path, SFM_READ, SF_INFO{});
    return read_all<short>(s, sf_readf_short);
}

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string s(std::filesystem::file_size(path), '\0');
    in.read(s.data(), static_cast<std::streamsize>(s.size()));
    if (!in) throw std::runtime_error("cannot read " + path);
    return s;
}

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
}

} // namespace preamp::test
