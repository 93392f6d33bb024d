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
/// channels slice by slice, processed as the only source, and the tapped output
/// interleaved again in place. The engine starts at its target (no fade-in) and the
/// settings never change, so nothing ramps. It has a sub output when the settings have
/// bass management.
class Renderer {
public:
    /// Frames per block read and written: large, for few system calls.
    static constexpr std::size_t kBlockFrames = 16384;
    /// Frames per slice of a block processed at once: small, so that the channel
    /// buffers stay in the L1 cache.
    static constexpr std::size_t kSliceFrames = 1024;

    /// `settings` describes as many channels as the audio has; Tap::sub needs bass
    /// management in them.
    Renderer(const core::Settings& settings, unsigned rate, Tap tap);

    /// The channels written: the input's, or the sub output's (1 or 2).
    [[nodiscard]] unsigned output_channels() const noexcept { return out_channels_; }

    /// Runs all of `in` into `out` (which takes output_channels()). Samples that are not
    /// finite are replaced before they are written (see replace_non_finite). With
    /// `measure`, the levels of the input and of what is written are kept for
    /// input_meters() and output_meters(). Throws what the reader and writer throw, and
    /// Interrupted.
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
    /// One slice of `n` interleaved frames at `frames`, in place: the output's frames
    /// (no more channels than the input's) end up at `written`, which is not after
    /// `frames`.
    void process(const float* frames, float* written, std::uint32_t n, const dsp::EngineIo& io,
                 bool measure) noexcept;

    unsigned channels_;
    unsigned sub_channels_;
    unsigned out_channels_;
    dsp::EngineParams params_;
    dsp::Engine engine_;
    std::vector<float> interleaved_; ///< one block
    std::vector<float> planar_in_;   ///< channel c at c * kSliceFrames
    std::vector<float> planar_pre_;
    std::vector<float> planar_rec_; ///< only when the tap is rec
    std::vector<float> planar_sub_; ///< only with bass management
    std::array<float*, dsp::kMaxChannels> planar_in_ptr_{};
    std::array<const float*, dsp::kMaxChannels> in_{};
    std::array<float*, dsp::kMaxChannels> pre_{};
    std::array<float*, dsp::kMaxChannels> rec_{};
    std::array<float*, dsp::kMaxSubChannels> sub_{};
    float* const* out_ = nullptr; ///< the tapped output: pre_, rec_ or sub_
    std::array<dsp::ChannelMeter, dsp::kMaxChannels> input_{};
    std::array<dsp::ChannelMeter, dsp::kMaxChannels> output_{};
    std::uint64_t frames_ = 0;
    std::uint64_t non_finite_ = 0;
};

} // namespace preamp::render
