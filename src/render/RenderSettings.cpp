#include "RenderSettings.hpp"

#include "Errors.hpp"
#include "Number.hpp"
#include "core/Errors.hpp"
#include "core/FormatNumber.hpp"
#include "core/Range.hpp"
#include "core/StateFile.hpp"

#include <algorithm>
#include <cmath>

namespace preamp::render {
namespace {

// The only input of a render; the state file's source is replaced by it.
constexpr const char* kInput = "in";

// The value of option `name`, or a UsageError (not a number) / core::InvalidValue (NaN,
// infinite, out of range) that names it, the text as typed and `range`.
double value(const char* name, const std::string& text, const core::Range& range) {
    const auto v = parse_number(text, range.unit);
    const std::string option = std::string("--") + name;
    if (!v)
        throw UsageError(option + " \"" + text + "\" is not a number: allowed " + range.describe());
    // The text as typed: "1e999" is no "inf", and 99999999999999999999999 no 1e+23.
    if (std::isnan(*v))
        throw core::InvalidValue(option + " \"" + text + "\" is not a number: allowed " +
                                 range.describe());
    if (!std::isfinite(*v) || !range.contains(*v))
        throw core::InvalidValue(option + " \"" + text + "\" is out of range: allowed " +
                                 range.describe());
    return *v;
}

const char* on_off(bool v) {
    return v ? "on" : "off";
}

// "normal,inverted", one word a channel.
std::string polarity_words(const std::vector<bool>& inverted) {
    std::string s;
    for (const bool v : inverted)
        s.append(s.empty() ? "" : ",").append(v ? "inverted" : "normal");
    return s;
}

std::string signed_db(double v) {
    // Appended: `"+" + format_number(v)` inserts at the front of the temporary, which
    // GCC 12 at -O3 takes for an overlapping memcpy (-Wrestrict; GCC bugs 105329, 105651).
    std::string s = v > 0.0 ? "+" : "";
    return s.append(core::format_number(v)).append(" dB");
}

} // namespace

core::Config RenderSettings::config(unsigned channels) const {
    core::Config cfg;
    cfg.jack.channels.clear();
    if (channels == 2) {
        cfg.jack.channels = {"L", "R"};
    } else {
        // Channel names must start with a letter.
        for (unsigned c = 1; c <= channels; ++c)
            cfg.jack.channels.push_back("ch" + std::to_string(c));
    }
    cfg.inputs = {{kInput, "Input", trim_db_, {}}};
    // Offline, a boost is as welcome as a cut; the bottom of the scale is silence.
    cfg.volume.min_db = -120.0;
    cfg.volume.max_db = 24.0;
    cfg.volume.default_db = 0.0;
    cfg.volume.startup_max_db = 0.0;
    cfg.bass_management = bass_;
    return cfg;
}

RenderSettings::RenderSettings(const Options& o) {
    if (o.trim) trim_db_ = value("trim", *o.trim, core::Config::trim_range()) + 0.0;
    if (o.crossover) {
        core::BassManagementConfig b;
        b.crossover_hz = value("crossover", *o.crossover, core::Settings::crossover_range());
        b.mains_highpass = o.mains_highpass.value_or(true);
        b.channels = o.sub_channels.value_or(1);
        bass_ = b;
    }
    core::Settings s(config(2));

    std::vector<bool> polarity; // for IN's channels: judged by settings()
    if (o.state_file) {
        core::State st = core::StateFile::read(*o.state_file, s.state());
        st.source = kInput; // the daemon's inputs mean nothing here
        st.rec_source.clear();
        st.speakers = s.state().speakers; // nor do its speaker sets
        polarity = st.polarity;
        st.polarity = s.state().polarity;
        // --crossover sets the crossover and turns the sub on; without it, Settings
        // drops the file's sub values as the daemon does without bass management.
        if (st.sub && s.state().sub) {
            st.sub->crossover_hz = s.state().sub->crossover_hz;
            st.sub->enabled = true;
        }
        try {
            s.apply(st);
        } catch (const core::InvalidValue& e) {
            throw core::InvalidValue(*o.state_file + ": " + e.what());
        }
    }

    if (o.volume) s.set_volume(value("volume", *o.volume, s.volume_range()));
    if (o.bass) s.set_bass(value("bass", *o.bass, s.bass_range()));
    if (o.treble) s.set_treble(value("treble", *o.treble, s.treble_range()));
    if (o.balance) s.set_balance(value("balance", *o.balance, core::Settings::balance_range()));
    if (o.loudness) s.set_loudness(*o.loudness);
    if (o.direct) s.set_direct(*o.direct);
    if (o.dim) s.set_dim(*o.dim);
    if (o.mute) s.set_mute(*o.mute);
    if (o.mono) s.set_mono(*o.mono);
    if (o.swap) s.set_swap(*o.swap);
    // Options::parse refused these without --crossover.
    if (o.sub_level)
        s.set_sub_level(value("sub-level", *o.sub_level, core::Settings::sub_level_range()));
    if (o.sub_delay)
        s.set_sub_delay(value("sub-delay", *o.sub_delay, core::Settings::sub_delay_range()));
    if (o.sub_polarity_inverted) s.set_sub_polarity(*o.sub_polarity_inverted);
    state_ = s.state();
    swap_option_ = o.swap.value_or(false);
    polarity_option_ = o.polarity.has_value();
    state_.polarity = o.polarity ? *o.polarity : polarity;
}

core::Settings RenderSettings::settings(unsigned channels) const {
    const auto has = [&] {
        return std::to_string(channels) + (channels == 1 ? " channel" : " channels");
    };
    if (bass_ && bass_->channels == 2 && channels != 2)
        throw core::InvalidValue("--sub-channels 2 needs a stereo IN, for a left and a right "
                                 "sub channel: IN has " +
                                 has());
    if (swap_option_ && channels < 2)
        throw core::InvalidValue("--swap needs two channels: IN has " + has());
    if (polarity_option_ && state_.polarity.size() != channels)
        throw core::InvalidValue("--polarity \"" + polarity_words(state_.polarity) + "\" has " +
                                 std::to_string(state_.polarity.size()) +
                                 " values: give one per channel of IN, which has " + has());
    core::Settings s(config(channels));
    s.apply(s.fitted(state_)); // the file's polarity for another channel count goes
    return s;
}

std::string RenderSettings::describe(const core::Settings& used) const {
    const core::State& s = used.state();
    std::string d = "volume " + signed_db(s.volume_db) + ", bass " + signed_db(s.bass_db) +
                    ", treble " + signed_db(s.treble_db) + ", balance " +
                    core::format_number(s.balance) + ", trim " + signed_db(trim_db_) +
                    ", loudness " + on_off(s.loudness) + ", direct " + on_off(s.direct) + ", dim " +
                    on_off(s.dim) + ", mute " + on_off(s.mute) + ", mono " + on_off(s.mono) +
                    ", swap " + on_off(s.swap) + ", polarity " +
                    (std::find(s.polarity.begin(), s.polarity.end(), true) == s.polarity.end()
                         ? "normal"
                         : polarity_words(s.polarity));
    if (const auto& b = used.config().bass_management; b && s.sub) {
        d.append(", crossover ")
            .append(core::format_number(s.sub->crossover_hz))
            .append(" Hz, mains high-pass ")
            .append(on_off(b->mains_highpass))
            .append(", sub level ")
            .append(signed_db(s.sub->level_db))
            .append(", sub delay ")
            .append(core::format_number(s.sub->delay_ms))
            .append(" ms, sub polarity ")
            .append(s.sub->polarity_inverted ? "inverted" : "normal")
            .append(", sub channels ")
            .append(std::to_string(b->channels));
    }
    return d;
}

} // namespace preamp::render
