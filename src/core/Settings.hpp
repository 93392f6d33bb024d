#pragma once

#include "Config.hpp"
#include "Range.hpp"
#include "SourceVolumes.hpp"
#include "SpeakerSets.hpp"
#include "State.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace preamp::core {

/// The one model of a running preamp: the configuration it was given and the State a
/// listener changes, each value with its range. Every setter validates first and
/// changes nothing when it throws (InvalidValue, UnknownSource); it returns whether the
/// value actually changed. Main thread only.
class Settings {
public:
    /// Validates `config` (Config::validate) and starts from defaults().
    explicit Settings(Config config);

    [[nodiscard]] const Config& config() const noexcept { return config_; }
    [[nodiscard]] const State& state() const noexcept { return state_; }
    /// Default volume, first input, the speaker sets configured on, bass management as
    /// configured, everything else neutral.
    [[nodiscard]] State defaults() const;
    /// `s` (a saved state, or the running one on a reload) made to fit this config:
    /// an unknown source falls back to the first input (an unknown rec source to
    /// following), values are clamped into their ranges, unknown speaker sets are
    /// dropped (the defaults when none is left), a polarity for another number of
    /// channels is dropped, swap is off with one channel, the sub values are clamped
    /// (dropped without bass management, the defaults when missing with it), the
    /// volumes fitted to the inputs' ceilings (SourceVolumes::fitted). apply() accepts
    /// the result.
    [[nodiscard]] State fitted(State s) const;

    /// The global range of Volume (VolumeRange); an input's max_db may lower its top.
    [[nodiscard]] Range volume_range() const noexcept;
    /// The volume rules per input: common or remembered, ceilings, bypass.
    [[nodiscard]] const SourceVolumes& source_volumes() const noexcept { return volumes_; }
    /// The highest volume the selected input allows (its max_db, else volume.max_db).
    [[nodiscard]] double volume_ceiling() const { return volumes_.ceiling(state_.source); }
    /// Whether the selected input is a bypass input: unity gain, the volume locked.
    [[nodiscard]] bool bypass() const { return volumes_.bypass(state_.source); }
    [[nodiscard]] Range bass_range() const noexcept;
    [[nodiscard]] Range treble_range() const noexcept;
    [[nodiscard]] static Range balance_range() noexcept { return {-1.0, 1.0, ""}; }
    [[nodiscard]] static Range crossover_range() noexcept { return Config::crossover_range(); }
    [[nodiscard]] static Range sub_level_range() noexcept { return Config::sub_level_range(); }
    [[nodiscard]] static Range sub_delay_range() noexcept { return Config::delay_range(); }

    /// Whether the config has bass management (a sub_out); the sub setters need it.
    [[nodiscard]] bool bass_management() const noexcept {
        return config_.bass_management.has_value();
    }
    /// "a" (pre_out) and the configured speaker sets, with their labels.
    [[nodiscard]] const SpeakerSets& speaker_sets() const noexcept { return speakers_; }

    /// Sets the selected input's remembered volume, or the common one. Refused above the
    /// selected input's ceiling and on a bypass input (InvalidValue naming the input).
    bool set_volume(double db);
    /// Relative change that stops at the limits (the bottom of the range, the selected
    /// input's ceiling), like amixer's; returns the new volume. Refused on a bypass input.
    double step_volume(double delta_db);
    bool set_mute(bool on);
    bool set_dim(bool on);
    /// The volume changes in the same step: to the input's remembered volume or to the
    /// common one, lowered to the input's ceiling.
    bool set_source(std::string_view name);
    /// "" follows the selected source.
    bool set_rec_source(std::string_view name);
    bool set_balance(double balance);
    /// Rounded to 0.1 dB.
    bool set_bass(double db);
    /// Rounded to 0.1 dB.
    bool set_treble(double db);
    bool set_loudness(bool on);
    bool set_direct(bool on);
    /// Every channel of pre_out and the speaker sets the mean of all channels.
    bool set_mono(bool on);
    /// Channels 0 and 1 (L and R) exchanged; needs two channels.
    bool set_swap(bool on);
    /// One value per channel, true = inverted.
    bool set_polarity(std::vector<bool> inverted);
    /// The speaker sets that are on, by name, at least one; kept in config order.
    bool set_speakers(std::vector<std::string> names);
    /// The sub setters throw InvalidValue without bass management.
    bool set_sub_enabled(bool on);
    bool set_sub_level(double db);
    bool set_crossover(double hz);
    bool set_sub_delay(double ms);
    bool set_sub_polarity(bool inverted);
    /// Into standby, or out of it (core/Standby.hpp says which changes also wake it).
    bool set_standby(bool on);
    /// All of `s` or nothing. Without bass management `s.sub` is ignored; with it, a
    /// missing `s.sub` means the configured start values.
    bool apply(const State& s);

    /// Index of input `name`; throws UnknownSource listing the inputs.
    [[nodiscard]] unsigned source_index(std::string_view name) const;
    /// The input rec_out carries (the selected one when following).
    [[nodiscard]] unsigned rec_source_index() const;

private:
    /// Throws unless every value of `s` is allowed; returns `s` with tone rounded.
    [[nodiscard]] State validated(State s) const;
    bool replace(const State& s);
    /// Throws InvalidValue naming `what` unless there is bass management.
    void require_bass_management(std::string_view what) const;
    template <class T>
    bool set(T State::*field, T value) {
        State s = state_;
        s.*field = std::move(value);
        return apply(s);
    }
    template <class T>
    bool set_sub(std::string_view what, T SubState::*field, T value) {
        require_bass_management(what);
        State s = state_;
        (*s.sub).*field = value; // validated() gives a state with bass management a sub
        return apply(s);
    }

    Config config_;
    SpeakerSets speakers_;
    SourceVolumes volumes_;
    State state_;
};

} // namespace preamp::core
