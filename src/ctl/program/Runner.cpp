// The Runner: one preampctl command carried out against the daemon: status, levels,
// volume, tone, switches and sources (the outputs beyond pre_out: RunnerOutputs.cpp).
#include "Runner.hpp"

#include "Format.hpp"
#include "Meter.hpp"
#include "NoLevels.hpp"
#include "Vocabulary.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace preamp::ctl {
namespace {

// The D-Bus property of a switch, for its JSON key.
const char* property_of(Flag::Name name) {
    switch (name) {
    case Flag::Name::mute:
        return "Mute";
    case Flag::Name::dim:
        return "Dim";
    case Flag::Name::loudness:
        return "Loudness";
    case Flag::Name::direct:
        return "Direct";
    case Flag::Name::mono:
        return "Mono";
    case Flag::Name::swap:
        return "Swap";
    case Flag::Name::standby:
        return "Standby";
    }
    return "";
}

} // namespace

void Runner::source_level_fields() {
    const double ceiling = preamp_.VolumeCeiling();
    const bool own = ceiling < std::get<1>(preamp_.VolumeRange());
    out_.field(vocabulary::key("VolumeCeiling"), "ceiling", format::json_number(ceiling),
               format::decibels(ceiling) +
                   (own ? " (this input's max_db)" : " (the top of the range)"));
    const bool bypass = preamp_.Bypass();
    out_.field(vocabulary::key("Bypass"), "bypass", format::json_bool(bypass),
               bypass ? "on: unity gain, the volume fixed at 0 dB (select another input to use it)"
                      : "off");
}

double Runner::moved(double now, double delta, sdbus::Struct<double, double> range) {
    return std::clamp(now + delta, std::get<0>(range), std::get<1>(range));
}

void Runner::operator()(const Status&) {
    source_field(preamp_.Source());
    rec_source_field(preamp_.RecSource());
    knob_field(Knob::Name::volume, preamp_.Volume());
    source_level_fields();
    flag_field(Flag::Name::mute, preamp_.Mute());
    flag_field(Flag::Name::dim, preamp_.Dim());
    knob_field(Knob::Name::bass, preamp_.Bass());
    knob_field(Knob::Name::treble, preamp_.Treble());
    knob_field(Knob::Name::balance, preamp_.Balance());
    flag_field(Flag::Name::loudness, preamp_.Loudness());
    flag_field(Flag::Name::direct, preamp_.Direct());
    flag_field(Flag::Name::mono, preamp_.Mono());
    flag_field(Flag::Name::swap, preamp_.Swap());
    polarity_field();
    if (preamp_.SpeakerSets().size() > 1) {
        speakers_field();
        speaker_sets_field();
    }
    if (preamp_.BassManagement()) {
        sub_fields();
        amount_field(Amount::Name::crossover);
        amount_field(Amount::Name::sub_delay);
        sub_polarity_field();
    }
    const auto state = preamp_.State();
    out_.field(vocabulary::key("State"), "state", format::json_string(state), state);
    flag_field(Flag::Name::standby, preamp_.Standby());
    const auto standby_in = preamp_.StandbyIn();
    // 0 in standby, or with no auto-standby: "-" for people, null in JSON.
    out_.field(vocabulary::key("StandbyIn"), "standby in",
               vocabulary::count("StandbyIn", standby_in),
               standby_in > 0 ? std::to_string(standby_in) + " s of silence" : "-");
    const auto rate = preamp_.SampleRate();
    // Both 0 while the daemon waits for JACK: "-" for people, null in JSON.
    out_.field(vocabulary::key("SampleRate"), "sample rate", vocabulary::count("SampleRate", rate),
               rate > 0 ? std::to_string(rate) + " Hz" : "-");
    const auto buffer = preamp_.BufferSize();
    out_.field(vocabulary::key("BufferSize"), "buffer size",
               vocabulary::count("BufferSize", buffer),
               buffer > 0 ? std::to_string(buffer) + " frames" : "-");
    const auto xruns = preamp_.Xruns();
    out_.field(vocabulary::key("Xruns"), "xruns", std::to_string(xruns), std::to_string(xruns));
    const auto load = preamp_.DspLoad();
    out_.field(vocabulary::key("DspLoad"), "DSP load", format::json_number(load),
               format::fixed(load, 1) + " %");
    const auto callback = preamp_.CallbackTime();
    const double mean = std::get<0>(callback), max = std::get<1>(callback);
    std::string callback_text = "-";
    if (rate > 0) {
        const double period_us = 1e6 * buffer / rate;
        callback_text = format::fixed(mean, 1) + " us mean, " + format::fixed(max, 1) +
                        " us max, of a " + format::fixed(period_us, 0) + " us period";
    }
    out_.field(vocabulary::key("CallbackTime"), "callback",
               vocabulary::callback(callback, rate > 0), callback_text);
    const auto sources = preamp_.Sources();
    std::string text;
    for (const auto& s : sources)
        text += (text.empty() ? "" : ", ") + std::get<0>(s) + " (" + std::get<1>(s) + ")";
    out_.field(vocabulary::key("Sources"), "sources", vocabulary::sources(sources), text);
    // Only with a control surface configured (midi), so that other setups read as before.
    const auto surfaces = preamp_.Surfaces();
    if (surfaces.empty()) return;
    std::string json = "[", lines;
    for (const auto& s : surfaces) {
        json += (json.size() > 1 ? ", " : "") + format::json_string(s);
        lines += (lines.empty() ? "" : "; ") + s;
    }
    out_.field(vocabulary::key("Surfaces"), "surfaces", json + "]", lines);
}

void Runner::operator()(const Knob& knob) {
    if (knob.name == Knob::Name::volume) return volume(knob.change);
    const auto get = [&] {
        switch (knob.name) {
        case Knob::Name::bass:
            return preamp_.Bass();
        case Knob::Name::treble:
            return preamp_.Treble();
        default:
            return preamp_.Balance();
        }
    };
    if (knob.change) {
        double to = knob.change->value;
        if (knob.change->kind != Change::Kind::absolute) {
            const auto range = knob.name == Knob::Name::bass ? preamp_.BassRange()
                               : knob.name == Knob::Name::treble
                                   ? preamp_.TrebleRange()
                                   : sdbus::Struct<double, double>(-1.0, 1.0);
            to = moved(get(), knob.change->value, range);
        }
        switch (knob.name) {
        case Knob::Name::bass:
            preamp_.Bass(to);
            break;
        case Knob::Name::treble:
            preamp_.Treble(to);
            break;
        default:
            preamp_.Balance(to);
            break;
        }
    }
    knob_field(knob.name, get());
}

void Runner::volume(const std::optional<Change>& change) {
    if (!change) return knob_field(Knob::Name::volume, preamp_.Volume());
    switch (change->kind) {
    case Change::Kind::absolute:
        preamp_.Volume(change->value);
        return knob_field(Knob::Name::volume, preamp_.Volume());
    case Change::Kind::relative:
        return knob_field(Knob::Name::volume, preamp_.StepVolume(change->value));
    case Change::Kind::step:
        return knob_field(Knob::Name::volume,
                          preamp_.StepVolume(change->value * preamp_.VolumeStep()));
    }
}

void Runner::knob_field(Knob::Name name, double value) {
    switch (name) {
    case Knob::Name::volume:
        return out_.field(vocabulary::key("Volume"), "volume", format::json_number(value),
                          format::decibels(value));
    case Knob::Name::bass:
        return out_.field(vocabulary::key("Bass"), "bass", format::json_number(value),
                          format::decibels(value));
    case Knob::Name::treble:
        return out_.field(vocabulary::key("Treble"), "treble", format::json_number(value),
                          format::decibels(value));
    case Knob::Name::balance:
        return out_.field(vocabulary::key("Balance"), "balance", format::json_number(value),
                          format::number(value));
    }
}

void Runner::operator()(const Flag& flag) {
    if (flag.to) {
        if (*flag.to == Switch::toggle && flag.name == Flag::Name::mute)
            return flag_field(flag.name, preamp_.ToggleMute());
        const bool on =
            *flag.to == Switch::toggle ? !flag_value(flag.name) : *flag.to == Switch::on;
        set_flag(flag.name, on);
    }
    flag_field(flag.name, flag_value(flag.name));
}

bool Runner::flag_value(Flag::Name name) {
    switch (name) {
    case Flag::Name::mute:
        return preamp_.Mute();
    case Flag::Name::dim:
        return preamp_.Dim();
    case Flag::Name::loudness:
        return preamp_.Loudness();
    case Flag::Name::direct:
        return preamp_.Direct();
    case Flag::Name::mono:
        return preamp_.Mono();
    case Flag::Name::swap:
        return preamp_.Swap();
    case Flag::Name::standby:
        return preamp_.Standby();
    }
    return false;
}

void Runner::set_flag(Flag::Name name, bool on) {
    switch (name) {
    case Flag::Name::mute:
        return preamp_.Mute(on);
    case Flag::Name::dim:
        return preamp_.Dim(on);
    case Flag::Name::loudness:
        return preamp_.Loudness(on);
    case Flag::Name::direct:
        return preamp_.Direct(on);
    case Flag::Name::mono:
        return preamp_.Mono(on);
    case Flag::Name::swap:
        return preamp_.Swap(on);
    case Flag::Name::standby:
        return preamp_.Standby(on);
    }
}

void Runner::flag_field(Flag::Name name, bool on) {
    out_.field(vocabulary::key(property_of(name)), command_word(name), format::json_bool(on),
               format::on_off(on));
}

void Runner::operator()(const Source& source) {
    if (source.name) preamp_.Source(*source.name);
    source_field(preamp_.Source());
}

void Runner::source_field(const std::string& name) {
    out_.field(vocabulary::key("Source"), "source", format::json_string(name), name);
}

void Runner::operator()(const RecSource& rec_source) {
    if (rec_source.name) preamp_.RecSource(*rec_source.name);
    rec_source_field(preamp_.RecSource());
}

void Runner::rec_source_field(const std::string& name) {
    // JSON keeps the D-Bus convention: "" follows the source.
    out_.field(vocabulary::key("RecSource"), "rec source", format::json_string(name),
               name.empty() ? "follow" : name);
}

void Runner::operator()(const Save&) {
    // Nothing to print: the daemon answers with nothing, or with SaveFailed (main's).
    preamp_.SaveState();
}

void Runner::operator()(const Levels&) {
    std::string text;
    std::size_t width = 0;
    const auto levels = preamp_.GetMeters();
    // None only while preampd has no JACK server: say so rather than print nothing.
    if (levels.empty()) throw NoLevels(Meter::no_levels(preamp_.State()));
    for (const auto& l : levels)
        width = std::max(width, std::get<0>(l).size());
    for (const auto& l : levels) {
        const auto& [port, peak, rms, clips] =
            static_cast<const std::tuple<std::string, double, double, uint64_t>&>(l);
        text += (text.empty() ? "" : "\n") + port + std::string(width + 2 - port.size(), ' ') +
                "peak " + format::fixed(peak, 1) + " dBFS, rms " + format::fixed(rms, 1) +
                " dBFS, clips " + std::to_string(clips);
    }
    out_.field("levels", "levels", Meter::json_array(levels), text);
}

} // namespace preamp::ctl
