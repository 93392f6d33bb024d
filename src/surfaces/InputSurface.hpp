#pragma once

#include "SurfaceHost.hpp"
#include "core/Config.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace preamp::surfaces {

/// Linux input devices (a remote's receiver, a knob, media keys) as a client of the
/// model: turns their events into changes of core::Settings through the daemon's one way
/// of changing it, as MidiSurface does. Pure: events and the time in, changes out; the
/// daemon (InputLink) reads the devices and runs the repeat timer at deadline().
///
/// Key repeat is timed here, not by the device: its own repeats (value 2) are ignored,
/// because their rates differ (a PC keyboard's 33 ms would sweep 30 dB a second, an IR
/// receiver's 125 ms a quarter of that). A held volume key steps once when pressed,
/// again after repeat_delay_ms, then every repeat_interval_ms; with accelerate, from the
/// 10th repeat each is 2 steps and from the 20th 4 (with the defaults and 1 dB steps:
/// 10 dB by 1.2 s held, 30 dB by 2.2 s, all of -80..0 dB in 3.5 s). Main thread only.
class InputSurface {
public:
    using Clock = std::chrono::steady_clock;
    /// One struct input_event, without its time stamp.
    struct Event {
        unsigned type = 0;
        unsigned code = 0;
        std::int32_t value = 0;
    };

    InputSurface(const core::Config& config, SurfaceHost host);

    /// A new configuration (reload): its key map and repeat; a held key is let go.
    void configure(const core::Config& config);
    /// One event of a device, read at `now`.
    void handle(const Event& e, Clock::time_point now);
    /// The repeat of a held key, if one is due at `now`.
    void tick(Clock::time_point now);
    /// When tick() has something to do next; none while no key repeats.
    [[nodiscard]] std::optional<Clock::time_point> deadline() const;
    /// Every key is up (its device went away): nothing repeats any more.
    void release() noexcept;

    /// The steps a repeat makes, the n-th (from 1) since the press: 1, from the 10th 2,
    /// from the 20th 4 with acceleration; always 1 without.
    [[nodiscard]] static int repeat_steps(unsigned n, bool accelerate) noexcept;

private:
    struct Held {
        std::size_t mapping;
        Clock::time_point next;
        unsigned repeats = 0;
    };

    [[nodiscard]] const core::InputMapping* find(unsigned type, unsigned code) const;
    void press(std::size_t index, Clock::time_point now);
    void step_volume(const core::InputMapping& m, double steps);
    void run(const std::function<void(core::Settings&)>& f);

    SurfaceHost host_;
    std::vector<core::InputMapping> map_;
    Clock::duration delay_{}, interval_{};
    bool accelerate_ = true;
    std::optional<Held> held_;
    std::string warned_; // the refusal last logged
};

} // namespace preamp::surfaces
