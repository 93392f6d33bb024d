#include "EngineParams.hpp"

#include <algorithm>
#include <cmath>

namespace preamp::core {
namespace {

// Shelf corner frequencies are kept below Nyquist at low sample rates.
double corner(double f0, double sample_rate) {
    return std::min(f0, 0.45 * sample_rate);
}

dsp::ToneParams tone(const Settings& settings, double fs) {
    const Config& cfg = settings.config();
    const State& s = settings.state();
    if (s.direct) return {};
    using dsp::Biquad;
    using dsp::ToneParams;
    ToneParams::Stages t;
    t[ToneParams::bass] = Biquad::low_shelf(fs, corner(cfg.tone.bass.freq_hz, fs), s.bass_db);
    t[ToneParams::treble] =
        Biquad::high_shelf(fs, corner(cfg.tone.treble.freq_hz, fs), s.treble_db);
    if (s.loudness) {
        const auto boost = cfg.loudness.boost(s.volume_db);
        t[ToneParams::loudness_low] =
            Biquad::low_shelf(fs, corner(cfg.loudness.bass_freq_hz, fs), boost.bass_db);
        t[ToneParams::loudness_high] =
            Biquad::high_shelf(fs, corner(cfg.loudness.treble_freq_hz, fs), boost.treble_db);
    }
    return ToneParams(t);
}

} // namespace

double db_to_gain(double db) noexcept {
    return db == 0.0 ? 1.0 : std::pow(10.0, db / 20.0);
}

dsp::EngineParams make_engine_params(const Settings& settings, double sample_rate) {
    const Config& cfg = settings.config();
    const State& s = settings.state();
    dsp::EngineParams p;
    p.source = settings.source_index(s.source);
    p.rec_source = settings.rec_source_index();
    p.tone = tone(settings, sample_rate);
    p.ramp_frames =
        static_cast<std::uint32_t>(std::lround(cfg.volume.ramp_ms * sample_rate / 1000.0));

    double g = 0.0;
    if (!s.mute && s.volume_db > cfg.volume.min_db) {
        g = db_to_gain(cfg.inputs[p.source].trim_db) * db_to_gain(s.volume_db);
        if (s.dim) g *= db_to_gain(cfg.volume.dim_db);
    }
    const double balance = s.direct ? 0.0 : s.balance;
    const std::size_t channels = cfg.jack.channels.size();
    for (std::size_t c = 0; c < channels && c < p.gain.size(); ++c) {
        double side = 1.0;
        if (c == 0) side = std::min(1.0, 1.0 - balance);
        if (c == 1) side = std::min(1.0, 1.0 + balance);
        p.gain[c] = static_cast<float>(g * side);
    }
    return p;
}

} // namespace preamp::core
