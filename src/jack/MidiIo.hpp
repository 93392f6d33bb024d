#pragma once

#include "core/RecordRing.hpp"

#include <jack/jack.h>

namespace preamp::jack {

/// The RT side of the MIDI control surface: the ports midi_in and midi_out (none when
/// midi is off) and the rings to the main loop. The process callback copies midi_in's
/// events into exchange->in and writes what the main loop queued in exchange->out to
/// midi_out; the parsing and everything else happen on the main loop.
struct MidiIo {
    jack_port_t* in = nullptr;
    jack_port_t* out = nullptr;
    core::MidiExchange* exchange = nullptr;

    /// RT thread: one period. An event that does not fit the ring is dropped (and
    /// counted); feedback that does not fit midi_out's buffer waits for the next period.
    void process(jack_nframes_t frames) const noexcept;
};

} // namespace preamp::jack
