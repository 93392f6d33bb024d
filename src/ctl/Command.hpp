#pragma once

#include "Value.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace preamp::ctl {

/// `status`: everything at a glance.
struct Status {
    bool operator==(const Status&) const = default;
};

/// `volume`, `bass`, `treble`, `balance`: print the level, or change it.
struct Knob {
    enum class Name { volume, bass, treble, balance };
    Name name = Name::volume;
    std::optional<Change> change; ///< nullopt: print

    bool operator==(const Knob&) const = default;
};

/// `mute`, `dim`, `loudness`, `direct`, `mono`, `swap`, `standby`: print the switch, or
/// set it.
struct Flag {
    enum class Name { mute, dim, loudness, direct, mono, swap, standby };
    Name name = Name::mute;
    std::optional<Switch> to; ///< nullopt: print

    bool operator==(const Flag&) const = default;
};

/// `sub [on | off | toggle | -3dB | 2dB+ | 2dB-]`: print bass management's switch and
/// level, switch it, or set or move the level (at most one of the two).
struct Sub {
    std::optional<Switch> to;    ///< on, off, toggle
    std::optional<Change> level; ///< absolute or relative dB, never a step

    bool operator==(const Sub&) const = default;
};

/// `crossover [HZ]`, `sub-delay [MS]`: print, or set to an absolute value.
struct Amount {
    enum class Name { crossover, sub_delay };
    Name name = Name::crossover;
    std::optional<double> value; ///< nullopt: print

    bool operator==(const Amount&) const = default;
};

/// `sub-polarity [normal | inverted]`.
struct SubPolarity {
    std::optional<bool> inverted; ///< nullopt: print

    bool operator==(const SubPolarity&) const = default;
};

/// `polarity [normal | inverted ...]` (one word per channel) or `polarity CHANNEL
/// normal | inverted` (that channel only).
struct Polarity {
    std::vector<bool> inverted;         ///< empty: print; else one per channel, or channel's
    std::optional<std::string> channel; ///< a jack.channels name: inverted has one value

    bool operator==(const Polarity&) const = default;
};

/// `speakers [a | b | a+b]`.
struct Speakers {
    std::vector<std::string> sets; ///< empty: print

    bool operator==(const Speakers&) const = default;
};

/// `source [NAME]`.
struct Source {
    std::optional<std::string> name; ///< nullopt: print

    bool operator==(const Source&) const = default;
};

/// `rec-source [NAME|follow]`.
struct RecSource {
    std::optional<std::string> name; ///< nullopt: print; "": follow Source (as on D-Bus)

    bool operator==(const RecSource&) const = default;
};

/// `levels [--watch]`.
struct Levels {
    bool watch = false;

    bool operator==(const Levels&) const = default;
};

/// `monitor`: print each change until interrupted.
struct Monitor {
    bool operator==(const Monitor&) const = default;
};

/// `save`: have the daemon write its state file now.
struct Save {
    bool operator==(const Save&) const = default;
};

/// `help [COMMAND]`, or `COMMAND --help`.
struct Help {
    std::string command; ///< "" for the whole help text

    bool operator==(const Help&) const = default;
};

/// One preampctl command with its argument, checked for form but not for range (the
/// daemon knows the ranges and the sources).
using Command = std::variant<Status, Knob, Flag, Source, RecSource, Levels, Monitor, Save, Help,
                             Sub, Amount, SubPolarity, Polarity, Speakers>;

/// The command word of a knob or a switch: "volume", "mute".
[[nodiscard]] const char* command_word(Knob::Name name) noexcept;
[[nodiscard]] const char* command_word(Flag::Name name) noexcept;
[[nodiscard]] const char* command_word(Amount::Name name) noexcept;

/// Parses the command line after parse_globals() took preampctl's own options off: the
/// command is the first word that is no option (is_option), its argument and its options
/// (-h, --help, --watch) come in any order after it; "--" ends the options. -h or --help
/// asks for the command's help. Throws UsageError for no or an unknown command, an option
/// the command does not take, a bad value or too many arguments; the message names the
/// word and what is allowed.
Command parse(const std::vector<std::string>& args);

} // namespace preamp::ctl
