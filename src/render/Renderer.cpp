#include "Renderer.hpp"

#include "AudioReader.hpp"
#include "AudioWriter.hpp"
#include "Interleave.hpp"
#include "Interrupted.hpp"
#include "NonFinite.hpp"
#include "core/EngineParams.hpp"

#include <algorithm>
#include <stdexcept>

namespace preamp::render {

namespace {

std::vector<float> buffer(bool wanted, unsigned channels) {
    return std::vector<float>(wanted ? Renderer::kSliceFrames * channels : 0);
}

} // namespace

Renderer::Renderer(const core::Settings& settings, unsigned rate, Tap tap)
    : channels_(static_cast<unsigned>(settings.config().jack.channels.size())),
      sub_channels_(settings.config().output_layout().sub_channels),
      out_channels_(tap == Tap::sub ? sub_channels_ : channels_),
      params_(core::make_engine_params(settings, rate)),
      engine_(1, channels_, rate, settings.config().output_layout()),
      interleaved_(kBlockFrames * channels_), planar_in_(buffer(true, channels_)),
      planar_pre_(buffer(true, channels_)), planar_rec_(buffer(tap == Tap::rec, channels_)),
      planar_sub_(buffer(sub_channels_ > 0, sub_channels_)) {
    if (tap == Tap::sub && sub_channels_ == 0)
        throw std::logic_error("Renderer: the sub output needs bass management");
    for (unsigned c = 0; c < channels_; ++c) {
        planar_in_ptr_[c] = planar_in_.data() + c * kSliceFrames;
        in_[c] = planar_in_ptr_[c];
        pre_[c] = planar_pre_.data() + c * kSliceFrames;
        if (tap == Tap::rec) rec_[c] = planar_rec_.data() + c * kSliceFrames;
    }
    for (unsigned k = 0; k < sub_channels_; ++k)
        sub_[k] = planar_sub_.data() + k * kSliceFrames;
    out_ = tap == Tap::rec ? rec_.data() : tap == Tap::sub ? sub_.data() : pre_.data();
    engine_.reset(params_);
}

void Renderer::run(AudioReader& in, AudioWriter& out, bool measure) {
    // The rec path runs only when it is wanted.
    const dsp::EngineIo io{in_.data(), planar_rec_.empty() ? nullptr : rec_.data(), pre_.data(),
                           sub_channels_ > 0 ? sub_.data() : nullptr, nullptr};
    for (;;) {
        Interrupted::check();
        const std::size_t n = in.read(interleaved_.data(), kBlockFrames);
        if (n == 0) break;
        for (std::size_t done = 0; done < n; done += kSliceFrames) {
            const auto slice = static_cast<std::uint32_t>(std::min(kSliceFrames, n - done));
            // A slice's output, of no more channels, lands where no later slice's input is.
            process(interleaved_.data() + done * channels_,
                    interleaved_.data() + done * out_channels_, slice, io, measure);
        }
        out.write(interleaved_.data(), n);
    }
}

void Renderer::process(const float* frames, float* written, std::uint32_t n,
                       const dsp::EngineIo& io, bool measure) noexcept {
    deinterleave(frames, planar_in_ptr_.data(), channels_, n);
    if (measure)
        for (unsigned c = 0; c < channels_; ++c)
            dsp::Meters::measure(input_[c], in_[c], n);
    engine_.process(params_, io, n);
    for (unsigned c = 0; c < out_channels_; ++c) {
        non_finite_ += replace_non_finite(out_[c], n);
        if (measure) dsp::Meters::measure(output_[c], out_[c], n);
    }
    frames_ += n;
    interleave(out_, written, out_channels_, n);
}

} // namespace preamp::render
