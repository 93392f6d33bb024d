#pragma once

#include <optional>
#include <string_view>

namespace preamp::ctl {

/// A new value for a level, as written on the command line.
struct Change {
    enum class Kind {
        absolute, ///< "-20dB", "+3", "0.25": set to `value`
        relative, ///< "2dB+", "3dB-", "0.1-": move by `value` (signed), stopping at the limits
        step, ///< "up", "down" (volume only): one step of the daemon's size; `value` is +1 or -1
    };
    Kind kind = Kind::absolute;
    double value = 0.0;

    bool operator==(const Change&) const = default;
};

/// on | off | toggle.
enum class Switch { on, off, toggle };

/// A finite decimal number: an optional sign, digits with an optional fraction and
/// exponent ("-20", "+6", "0.25", "1e-3"), nothing else; no locale. nullopt for anything
/// else, "nan", "inf" and overflow included.
[[nodiscard]] std::optional<double> parse_number(std::string_view word);

/// A volume: "-20dB", "-20", "2dB+", "3dB-", "up", "down" ("dB" in any case, or none).
/// Throws UsageError naming `word` and the forms. No range check: the daemon knows it.
[[nodiscard]] Change parse_volume(std::string_view word);

/// A bass or treble level (`what`: "bass", "treble"): "+3dB", "-2", "1.5dB+", "2dB-".
[[nodiscard]] Change parse_tone(std::string_view what, std::string_view word);

/// A balance, without unit: "-0.5", "0.25", "0.1+", "0.1-", "left" (-1), "center" (0),
/// "right" (+1).
[[nodiscard]] Change parse_balance(std::string_view word);

/// "on", "off" or "toggle" for the switch `what` ("mute", "dim", ...).
[[nodiscard]] Switch parse_switch(std::string_view what, std::string_view word);

/// A sub level (`sub`): "-3dB", "+2", "2dB+", "1.5dB-" (as parse_tone).
[[nodiscard]] Change parse_sub_level(std::string_view word);

/// An absolute amount of `unit` ("Hz", "ms"; in any case, or none): "80", "80Hz", "2.5ms".
/// `what` ("a crossover frequency") and `example` ("80Hz") are for the message.
[[nodiscard]] double parse_amount(std::string_view what, std::string_view unit,
                                  std::string_view example, std::string_view word);

/// "normal" (false) or "inverted" (true), for `what` ("polarity", "sub polarity");
/// nullopt for any other word.
[[nodiscard]] std::optional<bool> polarity_word(std::string_view word) noexcept;
[[nodiscard]] bool parse_polarity(std::string_view what, std::string_view word);

} // namespace preamp::ctl
