// MidiMessage: its bytes on the wire.

#include "MidiMessage.hpp"

namespace preamp::surfaces {

MidiMessage::Bytes MidiMessage::bytes() const noexcept {
    static constexpr std::uint8_t kStatus[] = {0x80, 0x90, 0xB0, 0xC0};
    Bytes b;
    b.data[0] = static_cast<std::uint8_t>(kStatus[static_cast<int>(kind)] | ((channel - 1) & 0x0F));
    b.data[1] = number & 0x7F;
    b.data[2] = value & 0x7F;
    b.size = kind == Kind::program ? 2 : 3;
    return b;
}

} // namespace preamp::surfaces
