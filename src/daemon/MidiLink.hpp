#pragma once

#include "EventLoop.hpp"
#include "JackLink.hpp"
#include "core/RecordRing.hpp"
#include "dbus/Control.hpp"
#include "surfaces/MidiParser.hpp"
#include "surfaces/MidiSurface.hpp"

#include <string>
#include <vector>

namespace preamp::daemon {

/// The JACK MIDI control surface on the main loop: every 5 ms while midi is enabled it
/// drains the events the process callback copied from midi_in, parses them and hands
/// them to surfaces::MidiSurface, whose changes go through `control` as a D-Bus client's
/// do; then it queues the feedback for whatever changed since, whoever changed it
/// (D-Bus, MIDI, a state restore, a reload) for the callback to send on midi_out.
///
/// Why 5 ms: below one period at the usual 256 frames / 48 kHz, so a knob answers in
/// well under the 10-20 ms a hand notices, and ring-sized for 20 000 events between two
/// drains; 200 wake-ups a second cost nothing measurable, and only while midi is on. The
/// callback cannot wake the loop itself (an eventfd write is a syscall). Main thread only.
class MidiLink {
public:
    MidiLink(EventLoop& loop, core::MidiExchange& exchange, const JackLink& jack,
             dbus::Control& control);

    /// The running configuration's midi group (at start and after a reload).
    void configure();
    /// A JACK session (re)started: the controller is told everything again.
    void jack_started();
    /// For the D-Bus property Surfaces: "midi: midi_in connected to X-Touch Mini:out;
    /// midi_out not connected"; empty with midi off.
    [[nodiscard]] std::vector<std::string> surfaces(bool jack_running) const;

private:
    void on_tick();
    /// Follows midi_in's and midi_out's connections; a new peer of midi_out gets the
    /// whole state.
    void follow_links();

    core::MidiExchange& exchange_;
    const JackLink& jack_;
    dbus::Control& control_;
    surfaces::MidiSurface surface_;
    surfaces::MidiParser parser_;
    Timer tick_;
    unsigned ticks_ = 0;
    bool enabled_ = false;
    std::vector<std::string> in_peers_, out_peers_;
    std::uint64_t dropped_ = 0; // midi_in events the callback could not queue, as last logged
};

} // namespace preamp::daemon
