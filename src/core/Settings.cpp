#include "Settings.hpp"

#include "Errors.hpp"
#include "FormatNumber.hpp"

#include <cmath>

namespace preamp::core {
namespace {

double tenth(double db) {
    return std::round(db * 10.0) / 10.0;
}

} // namespace

Settings::Settings(Config config) : config_(std::move(config)) {
    config_.validate();
    for (auto& in : config_.inputs)
        if (in.label.empty()) in.label = in.name;
    state_ = defaults();
}

State Settings::defaults() const {
    State s;
    s.volume_db = config_.volume.default_db;
    s.source = config_.inputs.front().name;
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
    volume_range().check("volume", s.volume_db);
    balance_range().check("balance", s.balance);
    bass_range().check("bass", s.bass_db);
    treble_range().check("treble", s.treble_db);
    (void)source_index(s.source);
    if (!s.rec_source.empty()) (void)source_index(s.rec_source);
    s.bass_db = tenth(s.bass_db) + 0.0; // + 0.0 turns -0 into 0
    s.treble_db = tenth(s.treble_db) + 0.0;
    return s;
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
    return set(&State::volume_db, db);
}

double Settings::step_volume(double delta_db) {
    if (!std::isfinite(delta_db))
        throw InvalidValue("volume step " + format_number(delta_db) + " is not a finite number");
    set_volume(volume_range().clamp(state_.volume_db + delta_db));
    return state_.volume_db;
}

bool Settings::set_mute(bool on) {
    return set(&State::mute, on);
}
bool Settings::set_dim(bool on) {
    return set(&State::dim, on);
}
bool Settings::set_source(std::string_view name) {
    return set(&State::source, std::string(name));
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

} // namespace preamp::core
