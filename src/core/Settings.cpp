#include "Settings.hpp"

#include "Errors.hpp"
#include "FormatNumber.hpp"

#include <algorithm>
#include <cmath>

namespace preamp::core {
namespace {

double tenth(double db) {
    return std::round(db * 10.0) / 10.0;
}

// Validated, with the labels left empty filled in.
Config prepared(Config config) {
    config.validate();
    for (auto& in : config.inputs)
        if (in.label.empty()) in.label = in.name;
    for (auto& sp : config.speakers)
        if (sp.label.empty()) sp.label = sp.name;
    if (config.outputs.pre_out_label.empty())
        config.outputs.pre_out_label = Config{}.outputs.pre_out_label;
    return config;
}

} // namespace

Settings::Settings(Config config)
    : config_(prepared(std::move(config))), speakers_(config_), volumes_(config_) {
    state_ = defaults();
}

State Settings::defaults() const {
    State s;
    s.volume_db = config_.volume.default_db;
    s.source = config_.inputs.front().name;
    s.polarity.assign(config_.jack.channels.size(), false);
    s.speakers = speakers_.defaults();
    if (const auto& b = config_.bass_management)
        s.sub = SubState{b->enabled, b->sub_level_db, b->crossover_hz, b->sub_delay_ms,
                         b->sub_polarity_inverted};
    return volumes_.defaults(s);
}

State Settings::fitted(State s) const {
    const auto known = [&](const std::string& name) {
        const auto& ins = config_.inputs;
        return std::any_of(ins.begin(), ins.end(), [&](const auto& in) { return in.name == name; });
    };
    if (!known(s.source)) s.source = config_.inputs.front().name;
    if (!s.rec_source.empty() && !known(s.rec_source)) s.rec_source.clear();
    s = volumes_.fitted(std::move(s));
    s.bass_db = bass_range().clamp(s.bass_db);
    s.treble_db = treble_range().clamp(s.treble_db);
    s.balance = balance_range().clamp(s.balance);

    const std::size_t channels = config_.jack.channels.size();
    if (s.polarity.size() != channels) s.polarity.assign(channels, false);
    if (channels < 2) s.swap = false;
    s.speakers = speakers_.fitted(s.speakers);
    if (!bass_management()) {
        s.sub.reset();
    } else if (!s.sub) {
        s.sub = defaults().sub;
    } else {
        s.sub->level_db = sub_level_range().clamp(s.sub->level_db);
        s.sub->crossover_hz = crossover_range().clamp(s.sub->crossover_hz);
        s.sub->delay_ms = sub_delay_range().clamp(s.sub->delay_ms);
    }
    return s;
}

Range Settings::volume_range() const noexcept {
    return {config_.volume.min_db, config_.volume.max_db, "dB"};
}

Range Settings::bass_range() const noexcept {
    return {-config_.tone.bass.range_db, config_.tone.bass.range_db, "dB"};
}

Range Settings::treble_range() const noexcept {
    return {-config_.tone.treble.range_db, config_.tone.treble.range_db, "dB"};
}

unsigned Settings::source_index(std::string_view name) const {
    for (unsigned i = 0; i < config_.inputs.size(); ++i)
        if (config_.inputs[i].name == name) return i;
    std::string known;
    for (const auto& in : config_.inputs)
        known += (known.empty() ? "" : ", ") + in.name;
    throw UnknownSource("unknown source \"" + std::string(name) + "\": the sources are " + known);
}

unsigned Settings::rec_source_index() const {
    return source_index(state_.rec_source.empty() ? state_.source : state_.rec_source);
}

State Settings::validated(State s) const {
    (void)source_index(s.source);
    if (!s.rec_source.empty()) (void)source_index(s.rec_source);
    s = volumes_.normalized(std::move(s));
    volumes_.check(s);
    balance_range().check("balance", s.balance);
    bass_range().check("bass", s.bass_db);
    treble_range().check("treble", s.treble_db);
    s.bass_db = tenth(s.bass_db) + 0.0; // + 0.0 turns -0 into 0
    s.treble_db = tenth(s.treble_db) + 0.0;

    const auto& channels = config_.jack.channels;
    if (s.polarity.size() != channels.size()) {
        std::string names;
        for (const auto& c : channels)
            names.append(names.empty() ? "" : ", ").append(c);
        throw InvalidValue("polarity has " + std::to_string(s.polarity.size()) +
                           " values: give one per channel, " + std::to_string(channels.size()) +
                           " (" + names + ")");
    }
    if (s.swap && channels.size() < 2)
        throw InvalidValue("swap needs two channels: jack.channels has only " + channels[0]);
    s.speakers = speakers_.normalized(s.speakers);
    if (!bass_management()) {
        s.sub.reset(); // a saved state's sub values mean nothing here
    } else if (!s.sub) {
        s.sub = defaults().sub; // nor does a state without them
    } else {
        crossover_range().check("crossover", s.sub->crossover_hz);
        sub_level_range().check("sub level", s.sub->level_db);
        sub_delay_range().check("sub delay", s.sub->delay_ms);
        s.sub->level_db += 0.0; // -0 is 0
        s.sub->delay_ms += 0.0;
    }
    return s;
}

void Settings::require_bass_management(std::string_view what) const {
    if (!bass_management())
        throw InvalidValue("cannot set the " + std::string(what) +
                           ": there is no bass management (no bass_management group in the "
                           "configuration)");
}

bool Settings::replace(const State& s) {
    if (s == state_) return false;
    state_ = s;
    return true;
}

bool Settings::apply(const State& s) {
    return replace(validated(s));
}

bool Settings::set_volume(double db) {
    volumes_.require_volume_control(state_);
    return set(&State::volume_db, db);
}

double Settings::step_volume(double delta_db) {
    if (!std::isfinite(delta_db))
        throw InvalidValue("volume step " + format_number(delta_db) + " is not a finite number");
    volumes_.require_volume_control(state_);
    const Range allowed{volume_range().min, volume_ceiling(), "dB"};
    set_volume(allowed.clamp(state_.volume_db + delta_db));
    return state_.volume_db;
}

bool Settings::set_mute(bool on) {
    return set(&State::mute, on);
}
bool Settings::set_dim(bool on) {
    return set(&State::dim, on);
}
bool Settings::set_source(std::string_view name) {
    (void)source_index(name);
    State s = state_;
    s.source = name;
    s.volume_db = volumes_.on_selecting(s, name);
    return apply(s);
}
bool Settings::set_rec_source(std::string_view name) {
    return set(&State::rec_source, std::string(name));
}
bool Settings::set_balance(double balance) {
    return set(&State::balance, balance);
}
bool Settings::set_bass(double db) {
    return set(&State::bass_db, db);
}
bool Settings::set_treble(double db) {
    return set(&State::treble_db, db);
}
bool Settings::set_loudness(bool on) {
    return set(&State::loudness, on);
}
bool Settings::set_direct(bool on) {
    return set(&State::direct, on);
}
bool Settings::set_mono(bool on) {
    return set(&State::mono, on);
}
bool Settings::set_swap(bool on) {
    return set(&State::swap, on);
}
bool Settings::set_polarity(std::vector<bool> inverted) {
    return set(&State::polarity, std::move(inverted));
}
bool Settings::set_speakers(std::vector<std::string> names) {
    return set(&State::speakers, std::move(names));
}

bool Settings::set_standby(bool on) {
    return set(&State::standby, on);
}

bool Settings::set_sub_enabled(bool on) {
    return set_sub("sub on or off", &SubState::enabled, on);
}
bool Settings::set_sub_level(double db) {
    return set_sub("sub level", &SubState::level_db, db);
}
bool Settings::set_crossover(double hz) {
    return set_sub("crossover", &SubState::crossover_hz, hz);
}
bool Settings::set_sub_delay(double ms) {
    return set_sub("sub delay", &SubState::delay_ms, ms);
}
bool Settings::set_sub_polarity(bool inverted) {
    return set_sub("sub polarity", &SubState::polarity_inverted, inverted);
}

} // namespace preamp::core
