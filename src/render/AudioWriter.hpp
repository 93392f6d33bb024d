#pragma once

#include <cstddef>

namespace preamp::render {

/// A sink of interleaved float frames.
class AudioWriter {
public:
    virtual ~AudioWriter() = default;
    AudioWriter() = default;
    AudioWriter(const AudioWriter&) = delete;
    AudioWriter& operator=(const AudioWriter&) = delete;

    /// Writes all `frames` frames of `buffer`, or throws RenderError.
    virtual void write(const float* buffer, std::size_t frames) = 0;
    /// Completes the stream (headers, flush); throws RenderError. Nothing is written
    /// after it.
    virtual void finish() = 0;
};

} // namespace preamp::render
