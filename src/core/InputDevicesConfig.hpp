#pragma once

// The `input` group of preampd.conf as plain values: Linux input devices (IR receivers,
// FLIRC, rotary encoders, USB volume knobs, media keys) as a control surface.

#include <string>
#include <vector>

namespace preamp::core {

struct InputConfig;

/// One key, button or relative axis of an input device and what it does.
struct InputMapping {
    /// The event types of linux/input-event-codes.h this surface listens to.
    static constexpr unsigned kKey = 1; ///< EV_KEY: KEY_* and BTN_*
    static constexpr unsigned kRel = 2; ///< EV_REL: REL_*
    /// volume_up/volume_down: one step a press, repeated while held; volume: a relative
    /// axis, value × step (positive up); the switches toggle on each press; source
    /// selects `source`; none: the key does nothing (takes a default away).
    enum class Action {
        none,
        volume_up,
        volume_down,
        volume,
        mute,
        dim,
        mono,
        direct,
        loudness,
        standby,
        source
    };

    unsigned type = kKey;
    unsigned code = 0; ///< KEY_*, BTN_* or REL_* number
    Action action = Action::none;
    std::string source;   ///< Action::source: the input it selects
    double step_db = 0.0; ///< volume actions: dB a step (or a detent); 0: volume.step_db

    bool operator==(const InputMapping&) const = default;
};

/// Input devices: which to open, whether to grab them, the key map and key repeat. Off
/// by default.
struct InputDevicesConfig {
    bool enabled = false;
    /// Device paths ("/dev/input/by-id/...") or "~regex" on the device's name.
    std::vector<std::string> devices;
    bool grab = false; ///< EVIOCGRAB: other programs (the console) no longer see the keys
    /// Key repeat, timed by preampd (the device's own repeats are ignored): the first
    /// repeat after repeat_delay_ms, then one every repeat_interval_ms; with accelerate,
    /// from the 10th repeat each is 2 steps, from the 20th 4.
    double repeat_delay_ms = 400.0;
    double repeat_interval_ms = 100.0;
    bool accelerate = true;
    /// Entries that change the defaults: a mapping of a code replaces its default one;
    /// Action::none takes it away.
    std::vector<InputMapping> map;

    /// KEY_VOLUMEUP/KEY_VOLUMEDOWN volume steps, KEY_MUTE mute, REL_DIAL and REL_WHEEL
    /// volume, KEY_POWER standby, KEY_1..KEY_9 the first nine `inputs` in their order.
    [[nodiscard]] static std::vector<InputMapping> defaults(const std::vector<InputConfig>& inputs);
    /// defaults() with `map` applied: what each code does (no Action::none left).
    [[nodiscard]] std::vector<InputMapping> mappings(const std::vector<InputConfig>& inputs) const;

    bool operator==(const InputDevicesConfig&) const = default;
};

} // namespace preamp::core
