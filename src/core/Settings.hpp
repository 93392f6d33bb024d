#pragma once

#include "Config.hpp"
#include "Range.hpp"
#include "State.hpp"

#include <string_view>
#include <utility>

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
    /// Default volume, first input, everything else neutral.
    [[nodiscard]] State defaults() const;

    [[nodiscard]] Range volume_range() const noexcept;
    [[nodiscard]] Range bass_range() const noexcept;
    [[nodiscard]] Range treble_range() const noexcept;
    [[nodiscard]] static Range balance_range() noexcept { return {-1.0, 1.0, ""}; }

    bool set_volume(double db);
    /// Relative change that stops at the limits, like amixer's; returns the new volume.
    double step_volume(double delta_db);
    bool set_mute(bool on);
    bool set_dim(bool on);
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
    /// All of `s` or nothing.
    bool apply(const State& s);

    /// Index of input `name`; throws UnknownSource listing the inputs.
    [[nodiscard]] unsigned source_index(std::string_view name) const;
    /// The input rec_out carries (the selected one when following).
    [[nodiscard]] unsigned rec_source_index() const;

private:
    /// Throws unless every value of `s` is allowed; returns `s` with tone rounded.
    [[nodiscard]] State validated(State s) const;
    bool replace(const State& s);
    template <class T>
    bool set(T State::*field, T value) {
        State s = state_;
        s.*field = std::move(value);
        return apply(s);
    }

    Config config_;
    State state_;
};

} // namespace preamp::core
