#pragma once

// The `midi` group of preampd.conf as plain values: the JACK MIDI control surface.

#include <string>
#include <vector>

namespace preamp::core {

/// One control of a MIDI controller and what it does.
struct MidiMapping {
    /// What the controller sends: a control change, a note or a program change.
    enum class Trigger { cc, note, program };
    enum class Control { volume, balance, bass, treble, mute, dim, mono, direct, loudness, source };
    /// absolute: a fader or pot, 0..127 over the control's range (soft take-over);
    /// relative: an endless encoder (volume only); toggle: each press flips a switch;
    /// momentary: on while held; select: a press (or the program) selects `source`.
    enum class Mode { absolute, relative, toggle, momentary, select };
    /// A relative encoder's code: 1..63 up and 127..65 down (two's complement), or 64 at
    /// rest, 65.. up and 63.. down (offset 64, "binary offset").
    enum class Encoder { twos_complement, offset64 };

    Trigger trigger = Trigger::cc;
    unsigned number = 0;  ///< the CC, note or program number, 0..127
    unsigned channel = 0; ///< 1..16; 0: the group's channel
    Control control = Control::volume;
    Mode mode = Mode::absolute;
    Encoder encoder = Encoder::twos_complement;
    std::string source;   ///< Control::source: the input it selects
    double step_db = 0.0; ///< relative: dB per encoder tick; 0: volume.step_db
    bool takeover = true; ///< absolute: soft take-over (no jump to a fader far away)

    /// A mapping with the other fields at their defaults.
    [[nodiscard]] static MidiMapping of(Trigger trigger, unsigned number, Control control,
                                        Mode mode) {
        MidiMapping m;
        m.trigger = trigger;
        m.number = number;
        m.control = control;
        m.mode = mode;
        return m;
    }

    bool operator==(const MidiMapping&) const = default;
};

/// JACK MIDI: ports midi_in and midi_out, a mapping and feedback. Off by default.
struct MidiConfig {
    bool enabled = false;
    unsigned channel = 0; ///< 1..16; 0: every channel (omni)
    /// What midi_in is connected to, and midi_out: full port names or "~regex".
    std::vector<std::string> connect;
    std::vector<std::string> feedback_connect;
    bool feedback = true; ///< send every change back on midi_out
    /// Empty: defaults() (a `map` list in the file replaces them).
    std::vector<MidiMapping> map;

    /// CC 7 volume (absolute, soft take-over), CC 8 balance.
    [[nodiscard]] static std::vector<MidiMapping> defaults();
    /// map, or defaults() when it is empty.
    [[nodiscard]] std::vector<MidiMapping> mappings() const {
        return map.empty() ? defaults() : map;
    }

    bool operator==(const MidiConfig&) const = default;
};

} // namespace preamp::core
