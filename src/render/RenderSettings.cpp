#include "RenderSettings.hpp"

#include "Errors.hpp"
#include "Number.hpp"
#include "core/Errors.hpp"
#include "core/FormatNumber.hpp"
#include "core/Range.hpp"
#include "core/StateFile.hpp"

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

std::string signed_db(double v) {
    // Appended: `"+" + format_number(v)` inserts at the front of the temporary, which
    // GCC 12 at -O3 takes for an overlapping memcpy (-Wrestrict; GCC bugs 105329, 105651).
    std::string s = v > 0.0 ? "+" : "";
    return s.append(core::format_number(v)).append(" dB");
}

} // namespace

core::Config RenderSettings::config(unsigned channels, double trim_db) {
    core::Config cfg;
    cfg.jack.channels.clear();
    if (channels == 2) {
        cfg.jack.channels = {"L", "R"};
    } else {
        // Channel names must start with a letter.
        for (unsigned c = 1; c <= channels; ++c)
            cfg.jack.channels.push_back("ch" + std::to_string(c));
    }
    cfg.inputs = {{kInput, "Input", trim_db, {}}};
    // Offline, a boost is as welcome as a cut; the bottom of the scale is silence.
    cfg.volume.min_db = -120.0;
    cfg.volume.max_db = 24.0;
    cfg.volume.default_db = 0.0;
    cfg.volume.startup_max_db = 0.0;
    return cfg;
}

RenderSettings::RenderSettings(const Options& o) {
    if (o.trim) trim_db_ = value("trim", *o.trim, core::Config::trim_range()) + 0.0;
    core::Settings s(config(2, trim_db_));

    if (o.state_file) {
        core::State st = core::StateFile::read(*o.state_file, s.state());
        st.source = kInput; // the daemon's inputs mean nothing here
        st.rec_source.clear();
        st.speakers = s.state().speakers; // nor do its speaker sets
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
    state_ = s.state();
}

core::Settings RenderSettings::settings(unsigned channels) const {
    core::Settings s(config(channels, trim_db_));
    s.apply(s.fitted(state_)); // a polarity per channel of another channel count goes
    return s;
}

std::string RenderSettings::describe() const {
    const core::State& s = state_;
    return "volume " + signed_db(s.volume_db) + ", bass " + signed_db(s.bass_db) + ", treble " +
           signed_db(s.treble_db) + ", balance " + core::format_number(s.balance) + ", trim " +
           signed_db(trim_db_) + ", loudness " + on_off(s.loudness) + ", direct " +
           on_off(s.direct) + ", dim " + on_off(s.dim) + ", mute " + on_off(s.mute);
}

} // namespace preamp::render
