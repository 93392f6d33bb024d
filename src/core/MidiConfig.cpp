// MidiConfig: the documented default mapping.

#include "MidiConfig.hpp"

namespace preamp::core {

std::vector<MidiMapping> MidiConfig::defaults() {
    using M = MidiMapping;
    // MIDI's own numbers: 7 is channel volume, 8 balance.
    return {M::of(M::Trigger::cc, 7, M::Control::volume, M::Mode::absolute),
            M::of(M::Trigger::cc, 8, M::Control::balance, M::Mode::absolute)};
}

} // namespace preamp::core
