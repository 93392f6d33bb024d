#pragma once

#include "Error.hpp"
#include "State.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace preamp::core {

/// A state file that cannot be read or makes no sense; the message names the file and
/// line. preampd falls back to defaults on it; preamp-render refuses it.
using StateFileError = Error<struct StateFileErrorKind>;

/// The runtime state on disk, one "key = value" per line:
///
///     # preampd state
///     volume_db = -30
///     mute = false
///     source = cd
///     rec_source =          (empty: follow the source)
///
/// Keys: volume_db, common_volume_db (the following inputs' volume), volume_db.NAME
/// (the remembered volume of input NAME, one line each), mute, dim, source, rec_source, balance,
/// bass_db, treble_db, loudness, direct, mono, swap, polarity ("normal, inverted": one per
/// channel), speakers ("a, b": the sets that are on), and with bass management (State::sub)
/// sub_enabled, sub_level_db, crossover_hz, sub_delay_ms, sub_polarity_inverted.
/// Booleans are true/false. Blank lines and '#' comments are ignored.
class StateFile {
public:
    /// The file's mode: rw for preampd, r for its group (audio, under the shipped unit),
    /// so that members of audio can hand it to preamp-render --state; nothing for others.
    static constexpr mode_t kMode = 0640;

    /// Parses `path`; keys it does not mention keep their value from `base`. The result
    /// is well-formed but not range-checked: Settings::apply does that.
    [[nodiscard]] static State read(const std::filesystem::path& path, const State& base);
    /// Parses `text`, the contents of a state file called `name` (in the messages), as
    /// read() does; throws StateFileError naming `name` and the line.
    [[nodiscard]] static State parse(std::string_view text, const State& base,
                                     const std::string& name);
    /// What write() puts in the file.
    [[nodiscard]] static std::string text(const State& state);
    /// Writes atomically: a temporary file beside `path` (PATH.tmp-XXXXXX, mkstemp), fsync,
    /// chmod kMode, rename over `path`, fsync of the directory. Throws std::system_error
    /// naming the path and the OS error; `path` is then as it was.
    static void write(const std::filesystem::path& path, const State& state);
    /// Removes what a write() killed half-way left beside `path`: files named
    /// PATH.tmp-XXXXXX (six letters or digits, as mkstemp makes them), regular, at most as
    /// large as a state file, and empty or begin as write() begins its text. Nothing
    /// else is touched; nothing is reported but what was removed. Only while no write()
    /// to `path` runs (at start).
    static std::vector<std::filesystem::path>
    remove_stale_temporaries(const std::filesystem::path& path);
};

} // namespace preamp::core
