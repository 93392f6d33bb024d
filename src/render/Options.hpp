#pragma once

#include <optional>
#include <string>
#include <vector>

namespace preamp::render {

/// Which of the engine's outputs goes to OUT.
enum class Tap { pre, rec, sub };

/// "pre", "rec" or "sub".
[[nodiscard]] const char* tap_name(Tap tap) noexcept;

/// The command line of preamp-render, checked for form only: values are kept as typed
/// and RenderSettings judges them against the model's ranges.
struct Options {
    std::string input;  ///< "-" is standard input
    std::string output; ///< "-" is standard output

    bool raw = false;     ///< interleaved native-endian float32 in and out
    bool partial = false; ///< render a truncated sound file as far as it goes
    std::optional<unsigned> rate;
    std::optional<unsigned> channels;

    std::optional<std::string> volume, bass, treble, balance, trim;
    std::optional<bool> loudness, direct, dim, mute;
    std::optional<std::string> state_file;

    // Bass management, on with --crossover only (parse() refuses the others without it).
    std::optional<std::string> crossover, sub_level, sub_delay;
    std::optional<bool> mains_highpass;
    std::optional<bool> sub_polarity_inverted;
    std::optional<unsigned> sub_channels; ///< 1 or 2

    // The monitor controller.
    std::optional<bool> mono, swap;
    std::optional<std::vector<bool>> polarity; ///< one per channel, true = inverted

    Tap tap = Tap::pre;
    bool stats = false;
    bool peak_chunk = false; ///< a PEAK chunk in a float WAV or AIFF OUT
    bool help = false;
    bool version = false;

    /// Throws UsageError for an unknown option, a missing or malformed argument, a
    /// wrong number of file arguments, or an option that needs another one missing
    /// (--rate without --raw, --sub-level without --crossover...).
    [[nodiscard]] static Options parse(int argc, char* const* argv);
    /// What --help prints.
    [[nodiscard]] static const char* help_text() noexcept;
};

} // namespace preamp::render
