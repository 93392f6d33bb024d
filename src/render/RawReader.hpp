#pragma once

#include "AudioReader.hpp"
#include "core/UniqueFd.hpp"

#include <array>
#include <string>

namespace preamp::render {

/// Interleaved native-endian float32 from a file or standard input ("-"), read with
/// read(2) straight into the caller's buffer.
class RawReader final : public AudioReader {
public:
    /// Throws RenderError when `path` cannot be opened.
    RawReader(const std::string& path, unsigned channels, unsigned rate);

    [[nodiscard]] unsigned channels() const noexcept override { return channels_; }
    [[nodiscard]] unsigned rate() const noexcept override { return rate_; }
    /// Fills the whole block unless the stream ends; throws RenderError on a read error
    /// and when the stream ends in the middle of a frame.
    std::size_t read(float* buffer, std::size_t frames) override;

private:
    std::string name_;
    core::UniqueFd owned_;
    int fd_;
    unsigned channels_;
    unsigned rate_;
    std::size_t frame_bytes_;
    bool at_end_ = false;
    // Bytes of a frame that a read() split, carried to the next block.
    std::array<char, 8 * sizeof(float)> carry_{};
    std::size_t carried_ = 0;
};

} // namespace preamp::render
