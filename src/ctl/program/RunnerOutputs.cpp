// The Runner's commands for what lies beyond pre_out's volume: the subwoofer (sub, its
// level, crossover, delay and polarity), the per-channel polarity and the speaker sets.
#include "Format.hpp"
#include "Runner.hpp"
#include "Vocabulary.hpp"
#include "core/Joined.hpp"

#include <algorithm>
#include <stdexcept>

namespace preamp::ctl {

void Runner::require_bass_management() {
    if (!preamp_.BassManagement())
        throw std::runtime_error(
            "preampd has no bass management: its configuration has no bass_management group");
}

// A change is the daemon's to refuse (with its message); a reading without bass
// management is refused here, as its values would mean nothing.
void Runner::operator()(const Sub& sub) {
    if (sub.to) {
        const bool on = *sub.to == Switch::toggle ? !preamp_.SubEnabled() : *sub.to == Switch::on;
        preamp_.SubEnabled(on);
    } else if (sub.level) {
        double to = sub.level->value;
        if (sub.level->kind != Change::Kind::absolute)
            to = moved(preamp_.SubLevel(), sub.level->value, preamp_.SubLevelRange());
        preamp_.SubLevel(to);
    } else {
        require_bass_management();
    }
    sub_fields();
}

void Runner::sub_fields() {
    const bool on = preamp_.SubEnabled();
    const double level = preamp_.SubLevel();
    out_.field(vocabulary::key("SubEnabled"), "sub", format::json_bool(on), format::on_off(on));
    out_.field(vocabulary::key("SubLevel"), "sub level", format::json_number(level),
               format::decibels(level));
}

void Runner::operator()(const Amount& amount) {
    if (!amount.value)
        require_bass_management();
    else if (amount.name == Amount::Name::crossover)
        preamp_.Crossover(*amount.value);
    else
        preamp_.SubDelay(*amount.value);
    amount_field(amount.name);
}

void Runner::amount_field(Amount::Name name) {
    if (name == Amount::Name::crossover) {
        const double hz = preamp_.Crossover();
        return out_.field(vocabulary::key("Crossover"), "crossover", format::json_number(hz),
                          format::number(hz) + " Hz");
    }
    const double ms = preamp_.SubDelay();
    out_.field(vocabulary::key("SubDelay"), "sub delay", format::json_number(ms),
               format::number(ms) + " ms");
}

void Runner::operator()(const SubPolarity& polarity) {
    if (polarity.inverted)
        preamp_.SubPolarity(*polarity.inverted ? "inverted" : "normal");
    else
        require_bass_management();
    sub_polarity_field();
}

void Runner::sub_polarity_field() {
    const auto p = preamp_.SubPolarity();
    out_.field(vocabulary::key("SubPolarity"), "sub polarity", format::json_string(p), p);
}

void Runner::operator()(const Polarity& polarity) {
    const auto word = [](bool inverted) { return std::string(inverted ? "inverted" : "normal"); };
    if (polarity.channel) {
        const auto channels = preamp_.Channels();
        const auto it = std::find(channels.begin(), channels.end(), *polarity.channel);
        if (it == channels.end())
            throw std::runtime_error("no channel \"" + *polarity.channel + "\": the channels are " +
                                     core::joined(channels, ", "));
        auto now = preamp_.Polarity();
        const auto at = static_cast<std::size_t>(it - channels.begin());
        if (at < now.size()) now[at] = word(polarity.inverted.front());
        preamp_.Polarity(now);
    } else if (!polarity.inverted.empty()) {
        std::vector<std::string> words;
        for (const bool inverted : polarity.inverted)
            words.push_back(word(inverted));
        preamp_.Polarity(words);
    }
    polarity_field();
}

void Runner::polarity_field() {
    const auto polarity = preamp_.Polarity();
    const auto channels = preamp_.Channels();
    std::string text;
    for (std::size_t c = 0; c < polarity.size(); ++c)
        text.append(text.empty() ? "" : ", ")
            .append(c < channels.size() ? channels[c] + " " : "")
            .append(polarity[c]);
    out_.field(vocabulary::key("Polarity"), "polarity", format::json_strings(polarity), text);
}

void Runner::operator()(const Speakers& speakers) {
    if (!speakers.sets.empty()) preamp_.Speakers(speakers.sets);
    speakers_field();
}

void Runner::speakers_field() {
    const auto on = preamp_.Speakers();
    out_.field(vocabulary::key("Speakers"), "speakers", format::json_strings(on),
               core::joined(on, "+"));
}

void Runner::speaker_sets_field() {
    const auto sets = preamp_.SpeakerSets();
    std::string text;
    for (const auto& s : sets)
        text += (text.empty() ? "" : ", ") + std::get<0>(s) + " (" + std::get<1>(s) + ")";
    out_.field(vocabulary::key("SpeakerSets"), "speaker sets", vocabulary::sources(sets), text);
}

} // namespace preamp::ctl
