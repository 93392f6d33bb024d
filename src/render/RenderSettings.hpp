#pragma once

#include "Options.hpp"
#include "core/Settings.hpp"

#include <optional>
#include <string>
#include <vector>

namespace preamp::render {

/// The preamp settings a render uses: the model's defaults for an offline job (volume
/// 0 dB on a -120 to +24 dB scale, everything else neutral, bass management only with
/// --crossover), then the state file, then the options, each value checked against the
/// same ranges the daemon uses.
class RenderSettings {
public:
    /// Throws UsageError for a value that is no number, core::InvalidValue (naming the
    /// option, the value and what is allowed) for one out of range, and
    /// core::StateFileError for a state file that cannot be read.
    explicit RenderSettings(const Options& options);

    /// The model for a job with `channels` channels (1 to dsp::kMaxChannels). Throws
    /// core::InvalidValue for what the options ask of channels IN does not have: a
    /// --polarity of another length, --swap with one channel, --sub-channels 2 without
    /// two. The state file's polarity and swap are dropped where they do not fit, as
    /// the daemon drops them.
    [[nodiscard]] core::Settings settings(unsigned channels) const;
    /// The state, with the polarity as given (the option's or the file's, or none).
    [[nodiscard]] const core::State& state() const noexcept { return state_; }
    [[nodiscard]] double trim_db() const noexcept { return trim_db_; }
    /// "volume -20 dB, bass +6 dB, ..., mute off, mono off, ...", for --stats: the
    /// values of `used` (what settings() gave).
    [[nodiscard]] std::string describe(const core::Settings& used) const;

private:
    [[nodiscard]] core::Config config(unsigned channels) const;

    core::State state_;
    double trim_db_ = 0.0;
    std::optional<core::BassManagementConfig> bass_; ///< with --crossover
    bool swap_option_ = false;                       ///< --swap (on) given
    bool polarity_option_ = false;                   ///< --polarity given
};

} // namespace preamp::render
