#pragma once

#include "Config.hpp"
#include "Range.hpp"
#include "State.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace preamp::core {

/// Which volume each input plays at: the common volume the following inputs share, the
/// remembered one of each remembering input, each input's ceiling (max_db), and the
/// fixed unity gain of a bypass input. The rules Settings applies to State::volume_db,
/// State::common_volume_db and State::remembered_db. Main thread only.
class SourceVolumes {
public:
    /// `config` must be valid (Config::validate).
    explicit SourceVolumes(const Config& config);

    /// The highest volume `source` allows: its max_db, else volume.max_db.
    [[nodiscard]] double ceiling(std::string_view source) const;
    /// Whether `source` is a bypass input (volume fixed at 0 dB).
    [[nodiscard]] bool bypass(std::string_view source) const;
    /// The volume a remembering input has before it was ever used: volume.default_db,
    /// at most its ceiling.
    [[nodiscard]] double start_volume(std::string_view source) const;

    /// `s` starting at the default volume: common and remembered (start_volume()).
    [[nodiscard]] State defaults(State s) const;
    /// The volume that comes back when `source` is selected in `s`: its remembered one,
    /// or the common one, at most its ceiling (on a bypass input the common one).
    [[nodiscard]] double on_selecting(const State& s, std::string_view source) const;
    /// Throws InvalidValue naming the value, the input and what is allowed unless
    /// s.volume_db is within the range and the selected input's ceiling, the common
    /// volume within the range and each remembered volume within its input's.
    void check(const State& s) const;
    /// `s` with a remembered volume for exactly the remembering inputs (start_volume()
    /// for one without), and the selected input's remembered volume (or the common one,
    /// for a following or bypass input) set to s.volume_db.
    [[nodiscard]] State normalized(State s) const;
    /// A saved state made to fit: every volume clamped into the range, the selected
    /// input's and the remembered ones to their ceilings; on a bypass input volume_db is
    /// the common volume. normalized() and check() accept the result.
    [[nodiscard]] State fitted(State s) const;
    /// Every volume of `s` at most `max_db` (volume.startup_max_db at start).
    [[nodiscard]] static State capped(State s, double max_db);
    /// Throws InvalidValue when `s`'s selected input is a bypass input: the volume is
    /// fixed at 0 dB there, and this says to select another input.
    void require_volume_control(const State& s) const;

private:
    struct Input {
        std::string name;
        std::string label;
        bool remember = false;
        bool bypass = false;
        double ceiling = 0.0;
    };
    /// Unknown names are Settings' to refuse (UnknownSource); here they are the first input.
    [[nodiscard]] const Input& input(std::string_view name) const;
    /// "input \"phono\" (Turntable)".
    [[nodiscard]] static std::string named(const Input& in);

    std::vector<Input> inputs_;
    Range range_;
    double default_db_;
};

} // namespace preamp::core
