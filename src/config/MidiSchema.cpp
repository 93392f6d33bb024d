// midi_schema: reads the `midi` group (JACK MIDI control surface) of preampd.conf.

#include "MidiSchema.hpp"

#include "Connect.hpp"
#include "MappingFields.hpp"
#include "Node.hpp"
#include "core/FormatNumber.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace preamp::config::midi_schema {

std::initializer_list<std::string_view> midi_keys() {
    static const std::initializer_list<std::string_view> keys{
        "enabled", "channel", "connect", "feedback", "feedback_connect", "map"};
    return keys;
}

std::initializer_list<std::string_view> map_keys() {
    static const std::initializer_list<std::string_view> keys{
        "cc",   "note",    "program", "channel", "control",
        "mode", "encoder", "source",  "step_db", "takeover"};
    return keys;
}

namespace {

using M = core::MidiMapping;

// A whole number within lo..hi; `allowed` says what it means.
unsigned whole(const Node& n, unsigned lo, unsigned hi, const std::string& allowed) {
    const double v = n.number();
    if (v != std::floor(v) || v < lo || v > hi)
        n.fail(core::format_number(v) + " is not allowed: " + allowed);
    return static_cast<unsigned>(v);
}

unsigned channel(const Node& n) {
    return whole(n, 0, 16, "0 (every channel) or a MIDI channel 1 to 16");
}

template <class E, std::size_t N>
E choose(const Node& n, const std::array<std::pair<const char*, E>, N>& names) {
    const std::string s = n.string();
    std::string allowed;
    for (const auto& [name, value] : names) {
        if (s == name) return value;
        allowed += (allowed.empty() ? "\"" : ", \"") + std::string(name) + "\"";
    }
    n.fail("\"" + s + "\" is not allowed: use one of " + allowed);
}

constexpr std::array<std::pair<const char*, M::Control>, 10> kControls{{
    {"volume", M::Control::volume},
    {"balance", M::Control::balance},
    {"bass", M::Control::bass},
    {"treble", M::Control::treble},
    {"mute", M::Control::mute},
    {"dim", M::Control::dim},
    {"mono", M::Control::mono},
    {"direct", M::Control::direct},
    {"loudness", M::Control::loudness},
    {"source", M::Control::source},
}};
constexpr std::array<std::pair<const char*, M::Mode>, 4> kModes{{
    {"absolute", M::Mode::absolute},
    {"relative", M::Mode::relative},
    {"toggle", M::Mode::toggle},
    {"momentary", M::Mode::momentary},
}};
constexpr std::array<std::pair<const char*, M::Encoder>, 2> kEncoders{{
    {"twos_complement", M::Encoder::twos_complement},
    {"offset64", M::Encoder::offset64},
}};

bool is_switch(M::Control c) {
    return c == M::Control::mute || c == M::Control::dim || c == M::Control::mono ||
           c == M::Control::direct || c == M::Control::loudness;
}

// The trigger: exactly one of cc, note and program.
void read_trigger(const Node& el, M& m) {
    int found = 0;
    for (const auto& [key, trigger] :
         {std::pair{"cc", M::Trigger::cc}, std::pair{"note", M::Trigger::note},
          std::pair{"program", M::Trigger::program}})
        if (const auto n = el.member(key)) {
            m.trigger = trigger;
            m.number = whole(*n, 0, 127, "a MIDI number 0 to 127");
            ++found;
        }
    if (found != 1)
        el.fail(found == 0 ? "says nothing to listen to: give one of cc, note or program"
                           : "gives more than one of cc, note and program: one per mapping");
}

// The mode for the control and trigger, or the error that says what is allowed.
void read_mode(const Node& el, M& m) {
    const auto mode = el.member("mode");
    if (m.control == M::Control::source) {
        if (mode) mode->fail("a source mapping has no mode: a press (or the program) selects it");
        m.mode = M::Mode::select;
        return;
    }
    if (m.trigger == M::Trigger::program)
        el.fail("a program change can only select a source (control = \"source\")");
    if (is_switch(m.control)) {
        m.mode = mode ? choose(*mode, kModes) : M::Mode::toggle;
        if (m.mode != M::Mode::toggle && m.mode != M::Mode::momentary)
            mode->fail("\"" + mode->string() +
                       "\" is not allowed for a switch: use \"toggle\" "
                       "or \"momentary\"");
        return;
    }
    // volume, balance, bass, treble: a fader or an encoder
    m.mode = mode ? choose(*mode, kModes) : M::Mode::absolute;
    if (m.trigger != M::Trigger::cc)
        el.fail("a note can only switch or select: volume, balance, bass and treble need a cc");
    if (m.mode == M::Mode::relative && m.control != M::Control::volume)
        mode->fail("\"relative\" is for the volume only: balance, bass and treble are absolute");
    if (m.mode != M::Mode::absolute && m.mode != M::Mode::relative)
        mode->fail("\"" + mode->string() +
                   "\" is not allowed for a fader or an encoder: use "
                   "\"absolute\" or \"relative\"");
}

M read_mapping(const Node& el, const std::vector<core::InputConfig>& inputs) {
    el.expect_group(map_keys());
    M m;
    read_trigger(el, m);
    if (const auto n = el.member("channel")) m.channel = channel(*n);
    m.control = choose(el.require("control"), kControls);
    read_mode(el, m);
    if (const auto n = el.member("encoder")) {
        if (m.mode != M::Mode::relative) n->fail("only a relative mapping has an encoder");
        m.encoder = choose(*n, kEncoders);
    }
    if (const auto n = el.member("step_db")) {
        if (m.mode != M::Mode::relative) n->fail("only a relative mapping has a step_db");
        m.step_db = read_step_db(*n);
    }
    if (const auto n = el.member("takeover")) {
        if (m.mode != M::Mode::absolute) n->fail("only an absolute mapping has a takeover");
        m.takeover = n->boolean();
    }
    const auto source = el.member("source");
    if (m.control == M::Control::source) {
        m.source = read_source(el.require("source"), inputs);
    } else if (source) {
        source->fail("only a mapping with control = \"source\" has a source");
    }
    return m;
}

} // namespace

void read(const Node& group, const std::vector<core::InputConfig>& inputs, core::MidiConfig& midi) {
    group.expect_group(midi_keys());
    config::read(group, "enabled", midi.enabled);
    if (const auto n = group.member("channel")) midi.channel = channel(*n);
    if (const auto n = group.member("connect")) midi.connect = Connect::read(*n);
    if (const auto n = group.member("feedback_connect")) midi.feedback_connect = Connect::read(*n);
    config::read(group, "feedback", midi.feedback);
    if (const auto n = group.member("map")) {
        for (const Node& el : n->elements())
            midi.map.push_back(read_mapping(el, inputs));
        if (midi.map.empty())
            n->fail("is empty: leave map out for the defaults (CC 7 volume, CC 8 balance)");
    }
}

} // namespace preamp::config::midi_schema
