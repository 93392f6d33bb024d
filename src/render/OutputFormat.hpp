#pragma once

#include <string>

namespace preamp::render {

/// The libsndfile format (SF_FORMAT_* major | subtype) OUT is written in.
class OutputFormat {
public:
    /// The major format OUT's extension names (.wav .flac .aiff .aif .ogg .opus .au
    /// .caf .w64 .rf64), or the input's when OUT has none or is "-"; with the subtype
    /// the input has when that format takes it, else float, else 24- or 16-bit PCM
    /// (.ogg is always Vorbis, .opus Opus). Throws RenderError for an unknown extension
    /// or a combination libsndfile cannot write.
    [[nodiscard]] static int choose(const std::string& out, int input_format, unsigned channels,
                                    unsigned rate);
    /// "WAV (Microsoft), 32 bit float", for --stats.
    [[nodiscard]] static std::string describe(int format);
};

} // namespace preamp::render
