#pragma once

#include "Range.hpp"
#include "dsp/Loudness.hpp"

#include <string>
#include <vector>

namespace preamp::core {

/// One named stereo (C-channel) source.
struct InputConfig {
    std::string name;  ///< port prefix and D-Bus name: [a-z0-9_-], starts with a letter
    std::string label; ///< what people read ("CD Player"); defaults to the name
    double trim_db = 0.0;
    std::vector<std::string> connect;
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
    } outputs;

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

    struct State {
        std::string file = "/var/lib/preampd/state";
    } state;

    /// What inputs.*.trim_db allows.
    [[nodiscard]] static Range trim_range() noexcept { return {-24.0, 24.0, "dB"}; }

    /// Throws InvalidValue naming the setting ("volume.default_db") when a value is out
    /// of its range or inconsistent with another.
    void validate() const;
};

} // namespace preamp::core
