#pragma once

#include "InputDevicesConfig.hpp"
#include "MidiConfig.hpp"
#include "Range.hpp"
#include "dsp/Loudness.hpp"
#include "dsp/Outputs.hpp"

#include <optional>
#include <string>
#include <vector>

namespace preamp::core {

/// One named stereo (C-channel) source.
struct InputConfig {
    std::string name;  ///< port prefix and D-Bus name: [a-z0-9_-], starts with a letter
    std::string label; ///< what people read ("CD Player"); defaults to the name
    double trim_db = 0.0;
    std::vector<std::string> connect;
    /// "follow": the volume the following inputs share; "remember": a volume of its own,
    /// the one last used with it, back when it is selected.
    enum class Volume { follow, remember } volume = Volume::follow;
    /// The ceiling of the volume while this input is selected, within volume.min_db ..
    /// volume.max_db; none: volume.max_db.
    std::optional<double> max_db{};
    /// A home-theatre bypass: while it is selected, pre_out carries it at unity gain (no
    /// trim, tone, loudness, balance or dim; mute still works) and the volume is locked.
    bool bypass = false;
    /// Auto input: selected when its signal appears while the selected source is silent
    /// (standby.threshold_dbfs and signal_hold_ms tell signal from silence).
    bool auto_select = false;
};

/// A speaker set beside pre_out (which is set "a"): ports pre_out_NAME_<channel>, the
/// mains after the monitor mix, with a trim and a delay of their own.
struct SpeakerConfig {
    std::string name;  ///< [a-z0-9_-], starts with a letter, not "a"
    std::string label; ///< what people read ("Nearfields"); defaults to the name
    double trim_db = 0.0;
    double delay_ms = 0.0;
    std::vector<std::string> connect;
    bool on = false; ///< on at start when there is no saved state
};

/// Bass management: a Linkwitz-Riley 4th-order crossover to sub_out. The runtime
/// values (level, crossover, delay, polarity, enabled) are where State starts without a
/// saved state.
struct BassManagementConfig {
    double crossover_hz = 80.0;
    bool mains_highpass = true; ///< pre_out gets the matching LR4 high-pass
    unsigned channels = 1;      ///< 1: sub_out, the mean of all channels; 2: sub_out_L/R
    double sub_level_db = 0.0;
    double sub_delay_ms = 0.0;
    bool sub_polarity_inverted = false; ///< sub_polarity = "inverted"
    bool enabled = true;
};

/// Auto-standby and the amplifier triggers (group `standby`). Without the group preampd
/// never goes to standby on its own, but does when asked (D-Bus Standby), without hooks.
/// threshold_dbfs and signal_hold_ms are also what inputs' auto_select listens with.
struct StandbyConfig {
    bool on_silence = false;       ///< key `auto`: true by default once the group is there
    double after_s = 600.0;        ///< of silence on the selected source
    double threshold_dbfs = -70.0; ///< a peak below is silence
    double signal_hold_ms = 500.0; ///< a signal this long (not a click) wakes it
    double wake_delay_ms = 0.0;    ///< after on_wake, for the amplifiers to settle
    double fade_ms = 1000.0;       ///< into and out of standby
    double hook_timeout_s = 10.0;  ///< then a hook still running is killed
    /// argv of the commands run on entering and leaving standby (empty: none): no shell,
    /// the program by absolute path.
    std::vector<std::string> on_standby;
    std::vector<std::string> on_wake;
};

/// Everything preampd is configured with, as plain values. src/config fills it from
/// libconfig; preamp-render and the tests build it directly. Defaults are the
/// documented ones of config/preampd.conf.
struct Config {
    struct Jack {
        std::string client_name = "preamp";
        std::string server;
        std::vector<std::string> channels{"L", "R"};
    } jack;

    std::vector<InputConfig> inputs{{"in", "Input", 0.0, {}}};

    struct Outputs {
        std::vector<std::string> pre_out_connect;
        std::vector<std::string> rec_out_connect;
        std::vector<std::string> sub_out_connect; ///< only with bass_management
        /// pre_out as speaker set "a"; empty means the default.
        std::string pre_out_label = "Main";
    } outputs;

    /// Absent: no bass management, no sub_out.
    std::optional<BassManagementConfig> bass_management;

    /// The speaker sets after pre_out, at most dsp::kMaxSpeakerSets - 1.
    std::vector<SpeakerConfig> speakers;

    struct Volume {
        double min_db = -80.0; ///< the bottom of the scale is silence
        double max_db = 0.0;
        double default_db = -30.0;
        double step_db = 1.0;
        double ramp_ms = 30.0;
        double dim_db = -20.0;
        /// "restore": the saved state (volume capped by startup_max_db); "default": defaults.
        enum class Startup { restore, use_default } startup = Startup::restore;
        double startup_max_db = -20.0;
    } volume;

    struct Shelf {
        double freq_hz;
        double range_db;
    };
    struct Tone {
        Shelf bass{100.0, 12.0};
        Shelf treble{10000.0, 12.0};
    } tone;

    dsp::Loudness loudness;

    StandbyConfig standby;

    MidiConfig midi;

    InputDevicesConfig input;

    struct State {
        std::string file = "/var/lib/preampd/state";
    } state;

    /// What inputs.*.trim_db allows.
    [[nodiscard]] static Range trim_range() noexcept { return {-24.0, 24.0, "dB"}; }
    /// What bass_management.crossover_hz (and the Crossover setting) allows.
    [[nodiscard]] static Range crossover_range() noexcept { return {40.0, 250.0, "Hz"}; }
    /// What bass_management.sub_level_db (and the SubLevel setting) allows.
    [[nodiscard]] static Range sub_level_range() noexcept { return {-20.0, 10.0, "dB"}; }
    /// What bass_management.sub_delay_ms and speakers.*.delay_ms allow: at most
    /// dsp::kMaxDelaySeconds.
    [[nodiscard]] static Range delay_range() noexcept {
        return {0.0, dsp::kMaxDelaySeconds * 1000.0, "ms"};
    }
    /// The name of pre_out as a speaker set.
    static constexpr const char* kMainSpeakers = "a";

    /// The outputs an engine for this config has beside rec_out and pre_out: sub_out's
    /// channels (0 without bass management) and the speaker sets (1 + speakers).
    [[nodiscard]] dsp::OutputLayout output_layout() const noexcept;

    /// Throws InvalidValue naming the setting ("volume.default_db") when a value is out
    /// of its range or inconsistent with another.
    void validate() const;
};

} // namespace preamp::core
