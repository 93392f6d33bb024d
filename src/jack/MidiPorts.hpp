#pragma once

#include "MidiIo.hpp"
#include "core/Config.hpp"

#include <functional>
#include <string>
#include <vector>

namespace preamp::jack {

class Client;

/// The control side of the MIDI ports of a session: which exist for a config, their
/// metadata and their auto-connection (midi.connect, midi.feedback_connect). JACK
/// thread (daemon::JackLink's) only.
namespace midi_ports {

/// "midi_in" and "midi_out" with midi enabled, else none.
[[nodiscard]] std::vector<std::string> names(const core::Config& cfg);
/// The ports `cfg` needs: those of `have` kept, the missing ones registered and added to
/// `made` (for the caller to unregister if something later fails).
[[nodiscard]] MidiIo make(Client& client, const core::Config& cfg, const MidiIo& have,
                          std::vector<jack_port_t*>& made);
/// The ports of `old` that `now` does not have.
[[nodiscard]] std::vector<jack_port_t*> gone(const MidiIo& old, const MidiIo& now);
/// Both ports that exist, midi_in first.
[[nodiscard]] std::vector<jack_port_t*> all(const MidiIo& io);
/// Pretty names ("MIDI In", "MIDI Out") and group "MIDI"; `describe` is the session's.
void describe(
    const MidiIo& io,
    const std::function<void(jack_port_t*, const std::string&, const std::string&)>& describe);
/// Connects midi_in from each of midi.connect and midi_out to each of
/// midi.feedback_connect: a full port name, or "~regex" over every MIDI port but ours.
void auto_connect(Client& client, const core::Config& cfg, const MidiIo& io,
                  const std::function<bool(const std::string&)>& ours);

} // namespace midi_ports
} // namespace preamp::jack
