#pragma once

#include "AudioReader.hpp"
#include "SndfilePtr.hpp"

#include <string>

namespace preamp::render {

/// Any sound file libsndfile reads, from a path or standard input ("-"), as floats
/// (integer samples scaled to +-1).
class SndfileReader final : public AudioReader {
public:
    /// Throws RenderError when `path` cannot be opened or read as sound, has more than
    /// dsp::kMaxChannels channels, or announces more audio than it holds.
    explicit SndfileReader(const std::string& path);

    [[nodiscard]] unsigned channels() const noexcept override;
    [[nodiscard]] unsigned rate() const noexcept override;
    /// libsndfile's SF_FORMAT_* of the file: major format | subtype.
    [[nodiscard]] int format() const noexcept { return info_.format; }
    /// Throws RenderError on a read error and when the file ends before the number of
    /// frames its header announced.
    std::size_t read(float* buffer, std::size_t frames) override;

private:
    void check_complete() const;

    std::string name_;
    SF_INFO info_{};
    SndfilePtr file_;
    sf_count_t done_ = 0;
};

} // namespace preamp::render
