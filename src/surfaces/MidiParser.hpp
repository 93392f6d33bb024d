#pragma once

#include "MidiMessage.hpp"

#include <cstdint>
#include <optional>

namespace preamp::surfaces {

/// Turns a MIDI byte stream into channel messages, as a MIDI receiver must: running
/// status, real-time bytes (0xF8..0xFF) anywhere, even inside a message, without
/// disturbing it; SysEx and the system common messages skipped; a message cut short by
/// a new status byte dropped; stray data bytes ignored. Channel pressure, key pressure
/// and pitch bend are parsed and dropped (no mapping uses them). Never throws; any byte
/// sequence is safe. Main thread only.
class MidiParser {
public:
    /// Feeds one byte; returns the message it completes, if any.
    std::optional<MidiMessage> feed(std::uint8_t byte) noexcept;
    /// Forgets a message in progress and the running status (a new stream).
    void reset() noexcept { *this = MidiParser(); }

private:
    std::uint8_t status_ = 0; // the running status; 0: none (data bytes are ignored)
    std::uint8_t first_ = 0;  // the first data byte, while a second is awaited
    std::uint8_t have_ = 0;   // data bytes received of the current message
    bool sysex_ = false;      // inside SysEx (or a system common message): skip data
};

} // namespace preamp::surfaces
