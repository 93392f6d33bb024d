#pragma once

#include "Options.hpp"
#include "core/Settings.hpp"
#include "dsp/Engine.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace preamp::render {

class AudioReader;
class AudioWriter;

/// Streams audio through one dsp::Engine: blocks of interleaved frames are split into
/// channels slice by slice, processed as the only source, and interleaved again in place. The
/// engine starts at its target (no fade-in) and the settings never change, so nothing ramps.
class Renderer {
public:
    /// Frames per block read and written: large, for few system calls.
    static constexpr std::size_t kBlockFrames = 16384;
    /// Frames per slice of a block processed at once: small, so that the channel
    /// buffers stay in the L1 cache.
    static constexpr std::size_t kSliceFrames = 1024;

    /// `settings` describes as many channels as the audio has.
    Renderer(const core::Settings& settings, unsigned rate, Tap tap);

    /// Runs all of `in` into `out`. Samples that are not finite are replaced before
    /// they are written (see replace_non_finite). With `measure`, the levels of the input
    /// and of what is written are kept for input_meters() and output_meters(). Throws
    /// what the reader and writer throw, and Interrupted.
    void run(AudioReader& in, AudioWriter& out, bool measure);

    /// Peak, RMS and clips of each input channel (when measured).
    [[nodiscard]] const std::array<dsp::ChannelMeter, dsp::kMaxChannels>&
    input_meters() const noexcept {
        return input_;
    }
    /// The same of each channel written (when measured), after the replacements.
    [[nodiscard]] const std::array<dsp::ChannelMeter, dsp::kMaxChannels>&
    output_meters() const noexcept {
        return output_;
    }
    /// Frames written.
    [[nodiscard]] std::uint64_t frames() const noexcept { return frames_; }
    /// Samples that came out of the engine as Inf or NaN and were replaced.
    [[nodiscard]] std::uint64_t non_finite() const noexcept { return non_finite_; }

private:
    /// One slice of `n` interleaved frames, in place.
    void process(float* frames, std::uint32_t n, const dsp::EngineIo& io, bool measure) noexcept;

    unsigned channels_;
    Tap tap_;
    dsp::EngineParams params_;
    dsp::Engine engine_;
    std::vector<float> interleaved_; ///< one block
    std::vector<float> planar_in_;   ///< channel c at c * kSliceFrames
    std::vector<float> planar_out_;  ///< the tapped output
    std::vector<float> scratch_;     ///< the other output, when the tap is rec
    std::array<float*, dsp::kMaxChannels> planar_in_ptr_{};
    std::array<const float*, dsp::kMaxChannels> in_{};
    std::array<float*, dsp::kMaxChannels> out_{};
    std::array<float*, dsp::kMaxChannels> other_{};
    std::array<dsp::ChannelMeter, dsp::kMaxChannels> input_{};
    std::array<dsp::ChannelMeter, dsp::kMaxChannels> output_{};
    std::uint64_t frames_ = 0;
    std::uint64_t non_finite_ = 0;
};

} // namespace preamp::render
