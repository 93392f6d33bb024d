#pragma once

#include "Options.hpp"
#include "core/Settings.hpp"

#include <string>

namespace preamp::render {

/// The preamp settings a render uses: the model's defaults for an offline job (volume
/// 0 dB on a -120 to +24 dB scale, everything else neutral), then the state file, then
/// the options, each value checked against the same ranges the daemon uses.
class RenderSettings {
public:
    /// Throws UsageError for a value that is no number, core::InvalidValue (naming the
    /// option, the value and what is allowed) for one out of range, and
    /// core::StateFileError for a state file that cannot be read.
    explicit RenderSettings(const Options& options);

    /// The model for a job with `channels` channels (1 to dsp::kMaxChannels).
    [[nodiscard]] core::Settings settings(unsigned channels) const;
    [[nodiscard]] const core::State& state() const noexcept { return state_; }
    [[nodiscard]] double trim_db() const noexcept { return trim_db_; }
    /// "volume -20 dB, bass +6 dB, ..., mute off", for --stats.
    [[nodiscard]] std::string describe() const;

private:
    [[nodiscard]] static core::Config config(unsigned channels, double trim_db);

    core::State state_;
    double trim_db_ = 0.0;
};

} // namespace preamp::render
