#pragma once

#include <string>

namespace preamp::core {

/// The values a listener changes at run time, and what the state file keeps.
struct State {
    double volume_db = -30.0;
    bool mute = false;
    bool dim = false;
    std::string source;     ///< an input name
    std::string rec_source; ///< an input name, or "" to follow `source`
    double balance = 0.0;   ///< -1 (left only) .. +1 (right only)
    double bass_db = 0.0;
    double treble_db = 0.0;
    bool loudness = false;
    bool direct = false;

    bool operator==(const State&) const = default;
};

} // namespace preamp::core
