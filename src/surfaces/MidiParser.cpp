// MidiParser: a MIDI byte stream into channel messages.

#include "MidiParser.hpp"

namespace preamp::surfaces {
namespace {

// Data bytes of a channel message, by the status's high nibble.
unsigned data_bytes(std::uint8_t status) noexcept {
    const unsigned kind = status >> 4;
    return kind == 0xC || kind == 0xD ? 1 : 2;
}

} // namespace

std::optional<MidiMessage> MidiParser::feed(std::uint8_t byte) noexcept {
    if (byte >= 0xF8) return std::nullopt; // real-time: clock, start, active sensing…
    if (byte & 0x80) {
        have_ = 0;
        if (byte >= 0xF0) {
            // SysEx, its end (0xF7) and system common: no running status after them, and
            // their data bytes are not ours.
            status_ = 0;
            sysex_ = byte != 0xF7;
            return std::nullopt;
        }
        status_ = byte;
        sysex_ = false;
        return std::nullopt;
    }
    if (sysex_ || status_ == 0) return std::nullopt;
    if (have_ == 0 && data_bytes(status_) == 2) {
        first_ = byte;
        have_ = 1;
        return std::nullopt;
    }
    const std::uint8_t number = have_ == 1 ? first_ : byte;
    const std::uint8_t value = have_ == 1 ? byte : 0;
    have_ = 0; // running status: the next data byte starts the next message
    MidiMessage m;
    m.channel = static_cast<std::uint8_t>((status_ & 0x0F) + 1);
    m.number = number;
    m.value = value;
    switch (status_ >> 4) {
    case 0x8:
        m.kind = MidiMessage::Kind::note_off;
        break;
    case 0x9:
        m.kind = value == 0 ? MidiMessage::Kind::note_off : MidiMessage::Kind::note_on;
        break;
    case 0xB:
        m.kind = MidiMessage::Kind::cc;
        break;
    case 0xC:
        m.kind = MidiMessage::Kind::program;
        break;
    default:
        return std::nullopt; // key pressure, channel pressure, pitch bend
    }
    return m;
}

} // namespace preamp::surfaces
