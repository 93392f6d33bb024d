#include "Engine.hpp"

#include "FloatEnvironment.hpp"

#include <algorithm>
#include <cmath>

namespace preamp::dsp {
namespace {

constexpr double kSwitchSeconds = 0.020;

} // namespace

Engine::Engine(unsigned sources, unsigned channels, double sample_rate,
               const OutputLayout& outputs)
    : sources_(std::clamp(sources, 1u, kMaxSources)),
      channels_(std::clamp(channels, 1u, kMaxChannels)),
      outputs_{std::min(outputs.sub_channels, channels_ == 2 ? kMaxSubChannels : 1u),
               std::clamp(outputs.speaker_sets, 1u, kMaxSpeakerSets)},
      rec_select_(sources_, channels_,
                  static_cast<std::uint32_t>(std::lround(kSwitchSeconds * sample_rate))),
      pre_select_(sources_, channels_,
                  static_cast<std::uint32_t>(std::lround(kSwitchSeconds * sample_rate))),
      tone_(channels_) {}

void Engine::reset(const EngineParams& p) noexcept {
    rec_select_.snap(p.rec_source);
    pre_select_.snap(p.source);
    tone_.reset(p.tone);
    for (unsigned c = 0; c < channels_; ++c)
        gain_[c].snap(static_cast<double>(p.gain[c]));
}

bool Engine::settling() const noexcept {
    return rec_select_.fading() || pre_select_.fading() || tone_.fading() ||
           std::any_of(gain_.begin(), gain_.begin() + channels_,
                       [](const Smoother& s) { return s.ramping(); });
}

void Engine::process(const EngineParams& p, const EngineIo& io, std::uint32_t frames) noexcept {
    const FloatEnvironment flush_denormals;
    rec_select_.select(p.rec_source);
    pre_select_.select(p.source);
    tone_.set_target(p.tone, p.ramp_frames);
    for (unsigned c = 0; c < channels_; ++c)
        gain_[c].set_target(static_cast<double>(p.gain[c]), p.ramp_frames);

    for (std::uint32_t done = 0; done < frames;) {
        const std::uint32_t n = std::min(frames - done, kMaxBlock);
        process_block(io, done, n);
        done += n;
    }
}

void Engine::process_block(const EngineIo& io, std::uint32_t offset, std::uint32_t n) noexcept {
    std::array<float*, kMaxChannels> pre{};
    for (unsigned c = 0; c < channels_; ++c)
        pre[c] = io.pre[c] + offset;

    if (io.rec != nullptr) {
        std::array<float*, kMaxChannels> rec{};
        for (unsigned c = 0; c < channels_; ++c)
            rec[c] = io.rec[c] + offset;
        rec_select_.process(io.in, offset, rec.data(), n, false);
        for (unsigned c = 0; c < channels_; ++c)
            Meters::measure(meters_.rec[c], rec[c], n);
    }

    pre_select_.process(io.in, offset, pre.data(), n, true);
    tone_.process(pre.data(), n);
    for (unsigned c = 0; c < channels_; ++c) {
        gain_[c].apply(pre[c], n);
        Meters::measure(meters_.pre[c], pre[c], n);
    }
    // Bass management and speaker sets are yet to come: their outputs are silent.
    for (unsigned k = 0; k < outputs_.sub_channels; ++k)
        std::fill_n(io.sub[k] + offset, n, 0.0f);
    for (unsigned k = 0; k < (outputs_.speaker_sets - 1) * channels_; ++k)
        std::fill_n(io.speakers[k] + offset, n, 0.0f);
    meters_.frames += n;
}

} // namespace preamp::dsp
