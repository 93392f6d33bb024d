#pragma once

#include <cstddef>
#include <jack/ringbuffer.h>
#include <vector>

namespace preamp::test {

/// A lock-free single-writer/single-reader queue of samples (a jack_ringbuffer): the RT
/// thread writes what an input port received, the main thread reads it.
class CaptureRing {
public:
    /// Room for `frames` samples, locked in memory.
    explicit CaptureRing(std::size_t frames);
    ~CaptureRing();
    CaptureRing(const CaptureRing&) = delete;
    CaptureRing& operator=(const CaptureRing&) = delete;

    /// RT thread only: appends `frames` samples, or nothing (false) when they do not fit.
    bool write(const float* samples, std::size_t frames) noexcept;
    /// Main thread only: moves every sample written so far to the end of `out`.
    void drain_into(std::vector<float>& out);
    /// Main thread only: drops every sample written so far.
    void discard() noexcept;

private:
    jack_ringbuffer_t* ring_;
};

} // namespace preamp::test
