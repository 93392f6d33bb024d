#pragma once

// One MIDI channel message, the part of MIDI a control surface speaks.

#include <array>
#include <cstddef>
#include <cstdint>

namespace preamp::surfaces {

struct MidiMessage {
    enum class Kind : std::uint8_t { note_off, note_on, cc, program };
    Kind kind = Kind::cc;
    std::uint8_t channel = 1; ///< 1..16
    std::uint8_t number = 0;  ///< note, controller or program, 0..127
    std::uint8_t value = 0;   ///< velocity or controller value, 0..127; 0 for a program

    /// The wire bytes: status, then one (program) or two data bytes.
    struct Bytes {
        std::array<std::uint8_t, 3> data{};
        std::size_t size = 0;
    };
    [[nodiscard]] Bytes bytes() const noexcept;

    bool operator==(const MidiMessage&) const = default;
};

} // namespace preamp::surfaces
