#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace preamp::core {

/// Bass management's runtime values (state file keys sub_enabled, sub_level_db,
/// crossover_hz, sub_delay_ms, sub_polarity_inverted).
struct SubState {
    bool enabled = true;
    double level_db = 0.0;
    double crossover_hz = 80.0;
    double delay_ms = 0.0;
    bool polarity_inverted = false;

    bool operator==(const SubState&) const = default;
};

/// The values a listener changes at run time, and what the state file keeps.
struct State {
    double volume_db = -30.0; ///< what pre_out has now (but on a bypass input: fixed 0 dB)
    /// The volume the following inputs (volume = "follow") share: volume_db while one of
    /// them, or a bypass input, is selected.
    double common_volume_db = -30.0;
    /// The volume each remembering input (volume = "remember") had when it was last
    /// used, by input name: volume_db while it is selected. Settings keeps an entry for
    /// each of them and no other.
    std::map<std::string, double> remembered_db;
    bool mute = false;
    bool dim = false;
    std::string source;     ///< an input name
    std::string rec_source; ///< an input name, or "" to follow `source`
    double balance = 0.0;   ///< -1 (left only) .. +1 (right only)
    double bass_db = 0.0;
    double treble_db = 0.0;
    bool loudness = false;
    bool direct = false;

    // The monitor controller, on pre_out and the speaker sets.
    bool mono = false;          ///< every channel the mean of all
    bool swap = false;          ///< channels 0 and 1 exchanged
    std::vector<bool> polarity; ///< one per channel: true = inverted
    /// The speaker sets that are on ("a" is pre_out), in config order, never empty.
    std::vector<std::string> speakers;

    /// Present exactly when the config has bass management (Settings sees to it), so
    /// that a state saved without it says nothing about a sub configured later.
    std::optional<SubState> sub;

    /// In standby: every variable output silent (rec_out plays on). Run-time only: the
    /// state file never keeps it, preampd always starts awake.
    bool standby = false;

    bool operator==(const State&) const = default;
};

} // namespace preamp::core
