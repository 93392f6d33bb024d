#pragma once

#include "MidiMessage.hpp"
#include "SurfaceHost.hpp"
#include "core/Settings.hpp"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace preamp::surfaces {

/// A MIDI controller as a client of the model: turns the messages from midi_in into
/// changes of core::Settings, through the daemon's one way of changing it (so ranges,
/// ceilings, bypass refusals and announcements are those of D-Bus), and the State into
/// the messages that make its faders and LEDs show it (feedback on midi_out).
///
/// An absolute fader has soft take-over: until it has come to (or crossed) the value
/// the control has now, it changes nothing, so that a fader left far from the volume
/// does not jump it; a change from elsewhere (D-Bus, a reload, another control) lets
/// go of it again. A refused change is logged through the host, never thrown. Main
/// thread only.
class MidiSurface {
public:
    using Change = SurfaceHost::Change;
    using Host = SurfaceHost;

    MidiSurface(const core::MidiConfig& config, Host host);

    /// A new configuration (reload): its mappings, take-over and feedback from scratch.
    void configure(const core::MidiConfig& config);

    /// The messages from midi_in, oldest first. A run of values of one fader is applied
    /// as its last value (one change, not hundreds, for a flood).
    void handle(std::span<const MidiMessage> messages);

    /// The messages that bring the controller to the State: for each mapping whose shown
    /// value differs from the model's (all of them after forget_shown()). Empty when
    /// midi.feedback is off.
    [[nodiscard]] std::vector<MidiMessage> feedback();
    /// The controller may show anything (it was connected anew): feedback() sends all.
    void forget_shown() noexcept;

private:
    struct Slot {
        core::MidiMapping map;
        unsigned channel = 0;                // 0: any
        bool engaged = false;                // soft take-over: the fader has the value
        std::optional<double> last_target{}; // what the fader last asked for
        std::optional<double> applied{};     // what it last set, as the model has it
        std::optional<unsigned> shown{};     // what the controller shows (feedback)
        std::string warned{};                // the refusal last logged
    };
    using Mapping = core::MidiMapping;

    [[nodiscard]] bool matches(const Slot& s, const MidiMessage& m) const noexcept;
    /// Where the control of `s` is now, in its own units.
    [[nodiscard]] double current(const Slot& s) const;
    [[nodiscard]] double target(const Slot& s, unsigned value) const;
    [[nodiscard]] core::Range range(const Slot& s) const;
    /// Forgets take-over for a control moved from elsewhere.
    void sync(Slot& s) const;
    /// Soft take-over: whether the fader may set `t` now.
    bool engage(Slot& s, double t) const;
    void act(Slot& s, const MidiMessage& m);
    void apply_absolute(Slot& s, double t);
    void run(Slot& s, const std::function<void(core::Settings&)>& f);
    [[nodiscard]] unsigned shows(const Slot& s) const;

    Host host_;
    bool feedback_ = true;
    std::vector<Slot> slots_;
};

} // namespace preamp::surfaces
