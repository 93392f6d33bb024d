#pragma once

#include "Error.hpp"
#include "State.hpp"

#include <filesystem>

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
/// Keys: volume_db, mute, dim, source, rec_source, balance, bass_db, treble_db,
/// loudness, direct. Booleans are true/false. Blank lines and '#' comments are ignored.
class StateFile {
public:
    /// Parses `path`; keys it does not mention keep their value from `base`. The result
    /// is well-formed but not range-checked: Settings::apply does that.
    [[nodiscard]] static State read(const std::filesystem::path& path, const State& base);
    /// Writes atomically: a temporary file beside `path`, fsync, rename over `path`,
    /// fsync of the directory. Throws std::system_error naming the path.
    static void write(const std::filesystem::path& path, const State& state);
};

} // namespace preamp::core
