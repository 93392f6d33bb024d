#include "EngineParams.hpp"

#include "LoudnessContour.hpp"

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
    if (s.direct || settings.bypass()) return {};
    using dsp::Biquad;
    using dsp::ToneParams;
    ToneParams::Stages t;
    t[ToneParams::bass] = Biquad::low_shelf(fs, corner(cfg.tone.bass.freq_hz, fs), s.bass_db);
    t[ToneParams::treble] =
        Biquad::high_shelf(fs, corner(cfg.tone.treble.freq_hz, fs), s.treble_db);
    if (s.loudness) {
        const auto contour = LoudnessContour(cfg.loudness).design(s.volume_db, fs);
        std::copy(contour.begin(), contour.end(), t.begin() + ToneParams::loudness_bass_shelf);
    }
    return ToneParams(t);
}

std::uint32_t frames(double ms, double fs) {
    return static_cast<std::uint32_t>(std::lround(ms * fs / 1000.0));
}

// The LR4 crossover: each branch a Butterworth section the engine runs twice.
dsp::BassParams bass(const Settings& settings, double fs) {
    const auto& cfg = settings.config().bass_management;
    const auto& s = settings.state().sub;
    dsp::BassParams b;
    if (!cfg || !s) return b;
    const double f0 = corner(s->crossover_hz, fs);
    b.lowpass = dsp::Biquad::butterworth_lowpass(fs, f0);
    b.highpass = dsp::Biquad::butterworth_highpass(fs, f0);
    const double sign = s->polarity_inverted ? -1.0 : 1.0;
    b.sub_gain = s->enabled ? static_cast<float>(db_to_gain(s->level_db) * sign) : 0.0f;
    b.mains_highpass = s->enabled && cfg->mains_highpass ? 1.0f : 0.0f;
    b.sub_delay_frames = frames(s->delay_ms, fs);
    return b;
}

// mix = P * S * M: mono first, then swap, then each output channel's polarity.
dsp::MonitorMix mix(const State& s, std::size_t channels) {
    dsp::MonitorMix m = dsp::identity_mix();
    if (!s.mono && !s.swap &&
        std::none_of(s.polarity.begin(), s.polarity.end(), [](bool v) { return v; }))
        return m;
    const std::size_t n = std::min<std::size_t>(channels, dsp::kMaxChannels);
    for (std::size_t out = 0; out < n; ++out) {
        std::size_t from = out; // the row of S * M feeding `out`
        if (s.swap && n >= 2 && out < 2) from = 1 - out;
        const float sign = out < s.polarity.size() && s.polarity[out] ? -1.0f : 1.0f;
        for (std::size_t k = 0; k < n; ++k) {
            const double mono = 1.0 / static_cast<double>(n);
            const double v = s.mono ? mono : (k == from ? 1.0 : 0.0);
            m[out][k] = static_cast<float>(v) * sign;
        }
    }
    return m;
}

// Set 0 is pre_out (gain 1 or 0); the others have their trim and delay.
std::array<dsp::SpeakerParams, dsp::kMaxSpeakerSets> speakers(const Settings& settings, double fs) {
    const Config& cfg = settings.config();
    const State& s = settings.state();
    const auto on = [&](const std::string& name) {
        return std::find(s.speakers.begin(), s.speakers.end(), name) != s.speakers.end();
    };
    std::array<dsp::SpeakerParams, dsp::kMaxSpeakerSets> out{};
    out[0].gain = on(Config::kMainSpeakers) ? 1.0f : 0.0f;
    for (std::size_t i = 0; i < cfg.speakers.size() && i + 1 < out.size(); ++i) {
        const SpeakerConfig& sp = cfg.speakers[i];
        out[i + 1].gain = on(sp.name) ? static_cast<float>(db_to_gain(sp.trim_db)) : 0.0f;
        out[i + 1].delay_frames = frames(sp.delay_ms, fs);
    }
    return out;
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

    const bool bypass = settings.bypass(); // unity: no trim, volume, dim or balance
    double g = 0.0;
    if (bypass) {
        g = s.mute ? 0.0 : 1.0;
    } else if (!s.mute && s.volume_db > cfg.volume.min_db) {
        g = db_to_gain(cfg.inputs[p.source].trim_db) * db_to_gain(s.volume_db);
        if (s.dim) g *= db_to_gain(cfg.volume.dim_db);
    }
    const double balance = s.direct || bypass ? 0.0 : s.balance;
    const std::size_t channels = cfg.jack.channels.size();
    for (std::size_t c = 0; c < channels && c < p.gain.size(); ++c) {
        double side = 1.0;
        if (c == 0) side = std::min(1.0, 1.0 - balance);
        if (c == 1) side = std::min(1.0, 1.0 + balance);
        p.gain[c] = static_cast<float>(g * side);
    }
    p.bass = bass(settings, sample_rate);
    p.mix = mix(s, channels);
    p.speakers = speakers(settings, sample_rate);
    return p;
}

} // namespace preamp::core
