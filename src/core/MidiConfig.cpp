// MidiConfig: the documented default mapping.

#include "MidiConfig.hpp"

namespace preamp::core {

std::vector<MidiMapping> MidiConfig::defaults() {
    MidiMapping volume;
    volume.number = 7; // MIDI's channel volume
    MidiMapping balance;
    balance.number = 8; // MIDI's balance
    balance.control = MidiMapping::Control::balance;
    return {volume, balance};
}

} // namespace preamp::core
