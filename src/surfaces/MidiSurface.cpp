// MidiSurface: MIDI messages into Settings changes, and the State into feedback.

#include "MidiSurface.hpp"

#include "MidiScale.hpp"

#include <cmath>
#include <exception>

namespace preamp::surfaces {
namespace {

using Mapping = core::MidiMapping;
using Kind = MidiMessage::Kind;

constexpr double kSame = 1e-9;

bool pressed(const MidiMessage& m) noexcept {
    return m.kind == Kind::note_on || m.kind == Kind::program ||
           (m.kind == Kind::cc && m.value >= 64);
}

// An encoder's ticks: + up, - down.
int ticks(Mapping::Encoder e, unsigned value) noexcept {
    const int v = static_cast<int>(value);
    if (e == Mapping::Encoder::offset64) return v - 64;
    return v < 64 ? v : v - 128;
}

// A switch's field in the State and its setter in Settings.
struct Switch {
    Mapping::Control control;
    bool core::State::*field;
    bool (core::Settings::*set)(bool);
};
constexpr Switch kSwitches[] = {
    {Mapping::Control::mute, &core::State::mute, &core::Settings::set_mute},
    {Mapping::Control::dim, &core::State::dim, &core::Settings::set_dim},
    {Mapping::Control::mono, &core::State::mono, &core::Settings::set_mono},
    {Mapping::Control::direct, &core::State::direct, &core::Settings::set_direct},
    {Mapping::Control::loudness, &core::State::loudness, &core::Settings::set_loudness},
};

const Switch* switch_of(Mapping::Control c) noexcept {
    for (const Switch& s : kSwitches)
        if (s.control == c) return &s;
    return nullptr;
}

bool switch_on(const core::State& s, Mapping::Control c) noexcept {
    const Switch* sw = switch_of(c);
    return sw != nullptr && s.*(sw->field);
}

void set_switch(core::Settings& s, Mapping::Control c, bool on) {
    if (const Switch* sw = switch_of(c)) (s.*(sw->set))(on);
}

} // namespace

MidiSurface::MidiSurface(const core::MidiConfig& config, Host host) : host_(std::move(host)) {
    configure(config);
}

void MidiSurface::configure(const core::MidiConfig& config) {
    feedback_ = config.feedback;
    slots_.clear();
    for (const Mapping& m : config.mappings())
        slots_.push_back({.map = m, .channel = m.channel != 0 ? m.channel : config.channel});
}

void MidiSurface::forget_shown() noexcept {
    for (Slot& s : slots_)
        s.shown.reset();
}

bool MidiSurface::matches(const Slot& s, const MidiMessage& m) const noexcept {
    if (s.channel != 0 && s.channel != m.channel) return false;
    if (s.map.number != m.number) return false;
    switch (s.map.trigger) {
    case Mapping::Trigger::cc:
        return m.kind == Kind::cc;
    case Mapping::Trigger::note:
        return m.kind == Kind::note_on || m.kind == Kind::note_off;
    case Mapping::Trigger::program:
        return m.kind == Kind::program;
    }
    return false;
}

core::Range MidiSurface::range(const Slot& s) const {
    const core::Settings& st = host_.settings();
    switch (s.map.control) {
    case Mapping::Control::volume:
        return st.volume_range();
    case Mapping::Control::balance:
        return core::Settings::balance_range();
    case Mapping::Control::bass:
        return st.bass_range();
    case Mapping::Control::treble:
        return st.treble_range();
    default:
        return {0.0, 1.0, ""};
    }
}

double MidiSurface::current(const Slot& s) const {
    const core::State& st = host_.settings().state();
    switch (s.map.control) {
    case Mapping::Control::volume:
        return st.volume_db;
    case Mapping::Control::balance:
        return st.balance;
    case Mapping::Control::bass:
        return st.bass_db;
    case Mapping::Control::treble:
        return st.treble_db;
    case Mapping::Control::source:
        return st.source == s.map.source ? 1.0 : 0.0;
    default:
        return switch_on(st, s.map.control) ? 1.0 : 0.0;
    }
}

double MidiSurface::target(const Slot& s, unsigned value) const {
    const core::Range r = range(s);
    if (s.map.control == Mapping::Control::volume) return midi_scale::volume_db(value, r);
    return midi_scale::centred(value, r, s.map.control == Mapping::Control::balance ? 0.01 : 0.1);
}

void MidiSurface::sync(Slot& s) const {
    if (s.map.mode != Mapping::Mode::absolute || !s.applied) return;
    if (std::abs(current(s) - *s.applied) > kSame) {
        s.engaged = false; // moved from elsewhere: the fader must come to it again
        s.applied.reset();
        s.last_target.reset();
    }
}

bool MidiSurface::engage(Slot& s, double t) const {
    if (!s.map.takeover) return true;
    if (!s.engaged) {
        const double now = current(s);
        const bool near = std::abs(t - now) <= midi_scale::step(range(s)) + kSame;
        const bool crossed = s.last_target && (*s.last_target - now) * (t - now) <= 0.0;
        s.engaged = near || crossed;
    }
    s.last_target = t;
    return s.engaged;
}

void MidiSurface::run(Slot& s, const std::function<void(core::Settings&)>& f) {
    try {
        host_.change(f);
        s.warned.clear();
    } catch (const std::exception& e) {
        const std::string why = std::string("MIDI: ") + e.what();
        if (why != s.warned) host_.warn(why); // once, not for every step of a fader
        s.warned = why;
    }
}

void MidiSurface::apply_absolute(Slot& s, double t) {
    const Mapping::Control c = s.map.control;
    run(s, [&](core::Settings& st) {
        switch (c) {
        case Mapping::Control::volume:
            // A fader above the selected input's ceiling stops there, as a step does.
            st.set_volume(std::min(t, st.volume_ceiling()));
            break;
        case Mapping::Control::balance:
            st.set_balance(t);
            break;
        case Mapping::Control::bass:
            st.set_bass(t);
            break;
        case Mapping::Control::treble:
            st.set_treble(t);
            break;
        default:
            break;
        }
    });
    s.applied = current(s);
}

void MidiSurface::act(Slot& s, const MidiMessage& m) {
    const Mapping& map = s.map;
    switch (map.mode) {
    case Mapping::Mode::absolute:
        break; // handle() does these
    case Mapping::Mode::relative: {
        const int n = ticks(map.encoder, m.value);
        if (n == 0) return;
        run(s, [&](core::Settings& st) {
            const double step = map.step_db > 0.0 ? map.step_db : st.config().volume.step_db;
            st.step_volume(n * step);
        });
        break;
    }
    case Mapping::Mode::toggle:
        if (!pressed(m)) return;
        run(s, [&](core::Settings& st) {
            set_switch(st, map.control, !switch_on(st.state(), map.control));
        });
        break;
    case Mapping::Mode::momentary: {
        const bool on = pressed(m);
        run(s, [&](core::Settings& st) { set_switch(st, map.control, on); });
        break;
    }
    case Mapping::Mode::select:
        if (!pressed(m)) return;
        run(s, [&](core::Settings& st) { st.set_source(map.source); });
        break;
    }
}

// Each fader's values are applied as its last one, once per batch: faders of different
// controls do not affect each other, so only another control of the same (a second
// volume fader, an encoder) or a switch or source (which may move the volume) makes the
// waiting values go first, in the order they came.
void MidiSurface::handle(std::span<const MidiMessage> messages) {
    for (Slot& s : slots_)
        sync(s);
    std::vector<std::optional<double>> pending(slots_.size());
    const auto flush = [&](const Slot* only_like) {
        for (std::size_t i = 0; i < slots_.size(); ++i)
            if (pending[i] &&
                (only_like == nullptr || slots_[i].map.control == only_like->map.control)) {
                apply_absolute(slots_[i], *pending[i]);
                pending[i].reset();
            }
    };
    for (const MidiMessage& m : messages) {
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            Slot& s = slots_[i];
            if (!matches(s, m)) continue;
            if (s.map.mode != Mapping::Mode::absolute) {
                flush(nullptr);
                act(s, m);
                continue;
            }
            const double t = target(s, m.value);
            if (!pending[i]) {
                flush(&s); // another fader of this control first
                if (!engage(s, t)) continue;
            } else {
                s.last_target = t; // engaged: the last value wins
            }
            pending[i] = t;
            s.shown = m.value; // the fader is there: no echo back to it
        }
    }
    flush(nullptr);
}

unsigned MidiSurface::shows(const Slot& s) const {
    const Mapping::Control c = s.map.control;
    if (c == Mapping::Control::volume) return midi_scale::volume_value(current(s), range(s));
    if (c == Mapping::Control::balance || c == Mapping::Control::bass ||
        c == Mapping::Control::treble)
        return midi_scale::centred_value(current(s), range(s));
    return current(s) > 0.5 ? 127 : 0;
}

std::vector<MidiMessage> MidiSurface::feedback() {
    std::vector<MidiMessage> out;
    for (Slot& s : slots_) {
        sync(s);
        if (!feedback_) continue;
        const unsigned value = shows(s);
        if (s.shown == value) continue;
        s.shown = value;
        MidiMessage m;
        m.channel = static_cast<std::uint8_t>(s.channel != 0 ? s.channel : 1);
        m.number = static_cast<std::uint8_t>(s.map.number);
        m.value = static_cast<std::uint8_t>(value);
        switch (s.map.trigger) {
        case Mapping::Trigger::cc:
            m.kind = Kind::cc;
            break;
        case Mapping::Trigger::note:
            m.kind = Kind::note_on; // velocity 0 is note off: the LED goes out
            break;
        case Mapping::Trigger::program:
            if (value == 0) continue; // a program change only says what is selected
            m.kind = Kind::program;
            m.value = 0;
            break;
        }
        out.push_back(m);
    }
    return out;
}

} // namespace preamp::surfaces
