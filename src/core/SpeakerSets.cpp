// SpeakerSets: the speaker sets of a config and which lists of them may be on.

#include "SpeakerSets.hpp"

#include "Errors.hpp"

#include <algorithm>
#include <iterator>

namespace preamp::core {

SpeakerSets::SpeakerSets(const Config& config) {
    const std::string& main = config.outputs.pre_out_label;
    sets_.push_back({Config::kMainSpeakers, main.empty() ? "Main" : main, true});
    for (const auto& sp : config.speakers)
        sets_.push_back({sp.name, sp.label.empty() ? sp.name : sp.label, sp.on});
}

std::optional<unsigned> SpeakerSets::find(std::string_view name) const noexcept {
    for (unsigned i = 0; i < sets_.size(); ++i)
        if (sets_[i].name == name) return i;
    return std::nullopt;
}

std::vector<std::string> SpeakerSets::defaults() const {
    std::vector<std::string> on;
    for (const auto& set : sets_)
        if (set.on) on.push_back(set.name);
    return on;
}

std::string SpeakerSets::list() const {
    std::string s;
    for (const auto& set : sets_)
        s.append(s.empty() ? "" : ", ").append(set.name);
    return s;
}

std::vector<std::string> SpeakerSets::normalized(const std::vector<std::string>& names) const {
    if (names.empty())
        throw InvalidValue("no speaker set given: at least one must be on; the sets are " + list());
    std::vector<bool> on(sets_.size(), false);
    for (const auto& name : names) {
        const auto i = find(name);
        if (!i) throw InvalidValue("unknown speaker set \"" + name + "\": the sets are " + list());
        on[*i] = true;
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < sets_.size(); ++i)
        if (on[i]) out.push_back(sets_[i].name);
    return out;
}

std::vector<std::string> SpeakerSets::fitted(const std::vector<std::string>& names) const {
    std::vector<std::string> known;
    std::copy_if(names.begin(), names.end(), std::back_inserter(known),
                 [&](const std::string& n) { return find(n).has_value(); });
    return known.empty() ? defaults() : normalized(known);
}

} // namespace preamp::core
