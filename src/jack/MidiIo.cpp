// MidiIo: the process callback's copy of MIDI between the ports and the rings.

#include "MidiIo.hpp"

#include <jack/midiport.h>

namespace preamp::jack {

void MidiIo::process(jack_nframes_t frames) const noexcept {
    if (exchange == nullptr) return;
    if (in != nullptr) {
        void* buffer = jack_port_get_buffer(in, frames);
        const jack_nframes_t n = jack_midi_get_event_count(buffer);
        for (jack_nframes_t i = 0; i < n; ++i) {
            jack_midi_event_t e;
            if (jack_midi_event_get(&e, buffer, i) == 0) exchange->in.push(e.buffer, e.size);
        }
    }
    if (out != nullptr) {
        void* buffer = jack_port_get_buffer(out, frames);
        jack_midi_clear_buffer(buffer);
        while (const auto size = exchange->out.peek()) {
            jack_midi_data_t* slot = jack_midi_event_reserve(buffer, 0, *size);
            if (slot == nullptr) break; // full: the rest next period
            exchange->out.pop(slot);
        }
    }
}

} // namespace preamp::jack
