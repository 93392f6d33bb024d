// SourceVolumes: the volume rules per input (common or remembered, ceiling, bypass).

#include "SourceVolumes.hpp"

#include "Errors.hpp"
#include "FormatNumber.hpp"

#include <algorithm>

namespace preamp::core {
namespace {

std::string db(double v) {
    return format_number(v) + " dB";
}

} // namespace

SourceVolumes::SourceVolumes(const Config& config)
    : range_{config.volume.min_db, config.volume.max_db, "dB"},
      default_db_(config.volume.default_db) {
    for (const InputConfig& in : config.inputs)
        inputs_.push_back({in.name, in.label.empty() ? in.name : in.label,
                           in.volume == InputConfig::Volume::remember, in.bypass,
                           in.max_db.value_or(config.volume.max_db)});
}

const SourceVolumes::Input& SourceVolumes::input(std::string_view name) const {
    const auto it = std::find_if(inputs_.begin(), inputs_.end(),
                                 [&](const Input& in) { return in.name == name; });
    return it == inputs_.end() ? inputs_.front() : *it;
}

std::string SourceVolumes::named(const Input& in) {
    return "input \"" + in.name + "\" (" + in.label + ")";
}

double SourceVolumes::ceiling(std::string_view source) const {
    return input(source).ceiling;
}

bool SourceVolumes::bypass(std::string_view source) const {
    return input(source).bypass;
}

double SourceVolumes::start_volume(std::string_view source) const {
    return std::min(default_db_, ceiling(source));
}

State SourceVolumes::defaults(State s) const {
    s.common_volume_db = default_db_;
    s.remembered_db.clear();
    for (const Input& in : inputs_)
        if (in.remember) s.remembered_db[in.name] = start_volume(in.name);
    s.volume_db = on_selecting(s, s.source);
    return s;
}

double SourceVolumes::on_selecting(const State& s, std::string_view source) const {
    const Input& in = input(source);
    if (in.bypass) return s.common_volume_db;
    double v = s.common_volume_db;
    if (in.remember) {
        const auto it = s.remembered_db.find(in.name);
        v = it == s.remembered_db.end() ? start_volume(in.name) : it->second;
    }
    return std::min(v, in.ceiling);
}

void SourceVolumes::check(const State& s) const {
    range_.check("volume", s.volume_db);
    const Input& selected = input(s.source);
    if (s.volume_db > selected.ceiling)
        throw InvalidValue("volume " + db(s.volume_db) + " is above the ceiling of " +
                           named(selected) + ", its max_db " + db(selected.ceiling) + ": allowed " +
                           Range{range_.min, selected.ceiling, "dB"}.describe());
    range_.check("common volume", s.common_volume_db);
    for (const auto& [name, v] : s.remembered_db) {
        const Input& in = input(name);
        const std::string what = "remembered volume of " + named(in);
        range_.check(what, v);
        if (v > in.ceiling)
            throw InvalidValue(what + " " + db(v) + " is above its ceiling: allowed " +
                               Range{range_.min, in.ceiling, "dB"}.describe());
    }
}

State SourceVolumes::normalized(State s) const {
    std::map<std::string, double> kept;
    for (const Input& in : inputs_) {
        if (!in.remember) continue;
        const auto it = s.remembered_db.find(in.name);
        kept[in.name] = it == s.remembered_db.end() ? start_volume(in.name) : it->second;
    }
    s.remembered_db = std::move(kept);
    const Input& selected = input(s.source);
    if (selected.remember)
        s.remembered_db[selected.name] = s.volume_db;
    else
        s.common_volume_db = s.volume_db;
    return s;
}

State SourceVolumes::fitted(State s) const {
    s.common_volume_db = range_.clamp(s.common_volume_db);
    std::map<std::string, double> kept;
    for (const Input& in : inputs_) {
        if (!in.remember) continue;
        const auto it = s.remembered_db.find(in.name);
        kept[in.name] = it == s.remembered_db.end()
                            ? start_volume(in.name)
                            : std::min(range_.clamp(it->second), in.ceiling);
    }
    s.remembered_db = std::move(kept);
    const Input& selected = input(s.source);
    s.volume_db = selected.bypass ? s.common_volume_db
                                  : std::min(range_.clamp(s.volume_db), selected.ceiling);
    return s;
}

State SourceVolumes::capped(State s, double max_db) {
    s.volume_db = std::min(s.volume_db, max_db);
    s.common_volume_db = std::min(s.common_volume_db, max_db);
    for (auto& entry : s.remembered_db)
        entry.second = std::min(entry.second, max_db);
    return s;
}

void SourceVolumes::require_volume_control(const State& s) const {
    const Input& in = input(s.source);
    if (in.bypass)
        throw InvalidValue("the volume is fixed at 0 dB: " + named(in) +
                           " is a bypass input (its own processor sets the level); select "
                           "another input to use the volume control");
}

} // namespace preamp::core
