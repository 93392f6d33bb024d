#pragma once

#include "AudioReader.hpp"
#include "SndfilePtr.hpp"

#include <string>

namespace preamp::render {

/// Any sound file libsndfile reads, from a path or standard input ("-"), as floats
/// (integer samples scaled to +-1).
class SndfileReader final : public AudioReader {
public:
    /// Throws RenderError when `path` cannot be opened or read as sound, or has more than
    /// dsp::kMaxChannels channels. A file whose header declares more audio than it holds
    /// is truncated: refused (RenderError, naming both numbers), or with `partial`
    /// rendered as far as it goes, with a warning on standard error that names them.
    SndfileReader(const std::string& path, bool partial);

    [[nodiscard]] unsigned channels() const noexcept override;
    [[nodiscard]] unsigned rate() const noexcept override;
    /// libsndfile's SF_FORMAT_* of the file: major format | subtype.
    [[nodiscard]] int format() const noexcept { return info_.format; }
    /// Throws RenderError on a read error and, unless partial, when the file ends before
    /// the number of frames its header declared.
    std::size_t read(float* buffer, std::size_t frames) override;

private:
    /// Checks the length the header declares against the file's size (not a stream's).
    void check_header(const std::string& path);
    void check_complete();
    /// Refuses a truncated file or, when partial_, warns once.
    void truncated(const std::string& declared, const std::string& held);

    std::string name_;
    bool partial_;
    bool warned_ = false;
    SF_INFO info_{};
    SndfilePtr file_;
    sf_count_t done_ = 0;
};

} // namespace preamp::render
