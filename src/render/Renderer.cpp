#include "Renderer.hpp"

#include "AudioReader.hpp"
#include "AudioWriter.hpp"
#include "Interleave.hpp"
#include "Interrupted.hpp"
#include "NonFinite.hpp"
#include "core/EngineParams.hpp"

#include <algorithm>

namespace preamp::render {

Renderer::Renderer(const core::Settings& settings, unsigned rate, Tap tap)
    : channels_(static_cast<unsigned>(settings.config().jack.channels.size())), tap_(tap),
      params_(core::make_engine_params(settings, rate)), engine_(1, channels_, rate),
      interleaved_(kBlockFrames * channels_), planar_in_(kSliceFrames * channels_),
      planar_out_(kSliceFrames * channels_),
      scratch_(tap == Tap::rec ? kSliceFrames * channels_ : 0) {
    for (unsigned c = 0; c < channels_; ++c) {
        planar_in_ptr_[c] = planar_in_.data() + c * kSliceFrames;
        in_[c] = planar_in_ptr_[c];
        out_[c] = planar_out_.data() + c * kSliceFrames;
        if (tap == Tap::rec) other_[c] = scratch_.data() + c * kSliceFrames;
    }
    engine_.reset(params_);
}

void Renderer::run(AudioReader& in, AudioWriter& out, bool measure) {
    // The rec path runs only when it is wanted.
    const dsp::EngineIo io = tap_ == Tap::rec
                                 ? dsp::EngineIo{in_.data(), out_.data(), other_.data()}
                                 : dsp::EngineIo{in_.data(), nullptr, out_.data()};
    for (;;) {
        Interrupted::check();
        const std::size_t n = in.read(interleaved_.data(), kBlockFrames);
        if (n == 0) break;
        for (std::size_t done = 0; done < n; done += kSliceFrames) {
            const auto slice = static_cast<std::uint32_t>(std::min(kSliceFrames, n - done));
            process(interleaved_.data() + done * channels_, slice, io, measure);
        }
        out.write(interleaved_.data(), n);
    }
}

void Renderer::process(float* frames, std::uint32_t n, const dsp::EngineIo& io,
                       bool measure) noexcept {
    deinterleave(frames, planar_in_ptr_.data(), channels_, n);
    if (measure)
        for (unsigned c = 0; c < channels_; ++c)
            dsp::Meters::measure(input_[c], in_[c], n);
    engine_.process(params_, io, n);
    for (unsigned c = 0; c < channels_; ++c) {
        non_finite_ += replace_non_finite(out_[c], n);
        if (measure) dsp::Meters::measure(output_[c], out_[c], n);
    }
    frames_ += n;
    interleave(out_.data(), frames, channels_, n);
}

} // namespace preamp::render
