#pragma once

#include <cstddef>

namespace preamp::render {

/// A source of interleaved float frames.
class AudioReader {
public:
    virtual ~AudioReader() = default;
    AudioReader() = default;
    AudioReader(const AudioReader&) = delete;
    AudioReader& operator=(const AudioReader&) = delete;

    [[nodiscard]] virtual unsigned channels() const noexcept = 0;
    [[nodiscard]] virtual unsigned rate() const noexcept = 0;
    /// Fills `buffer` with up to `frames` frames; returns how many, 0 at the end only.
    /// Throws RenderError when the stream fails or ends early.
    virtual std::size_t read(float* buffer, std::size_t frames) = 0;
};

} // namespace preamp::render
