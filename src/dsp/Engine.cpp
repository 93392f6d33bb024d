#include "Engine.hpp"

#include "FloatEnvironment.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace preamp::dsp {
Engine::Engine(unsigned sources, unsigned channels, double sample_rate, const OutputLayout& outputs)
    : sources_(std::clamp(sources, 1u, kMaxSources)),
      channels_(std::clamp(channels, 1u, kMaxChannels)),
      outputs_{std::min(outputs.sub_channels, channels_ == 2 ? kMaxSubChannels : 1u),
               std::clamp(outputs.speaker_sets, 1u, kMaxSpeakerSets)},
      rec_select_(sources_, channels_,
                  static_cast<std::uint32_t>(std::lround(kSwitchSeconds * sample_rate))),
      pre_select_(sources_, channels_,
                  static_cast<std::uint32_t>(std::lround(kSwitchSeconds * sample_rate))),
      tone_(channels_), sub_lowpass_(outputs_.sub_channels),
      sub_stage_(outputs_.sub_channels, sample_rate),
      mains_highpass_(outputs_.sub_channels > 0 ? channels_ : 0), mix_(channels_),
      scratch_(outputs_.sub_channels > 0 ? (kMaxChannels + 1) * kMaxBlock : 0),
      mains_(static_cast<std::size_t>(kMaxChannels) * kMaxBlock) {
    static std::atomic<std::uint64_t> engines{0};
    meters_.engine = ++engines;
    speakers_.reserve(outputs_.speaker_sets);
    for (unsigned s = 0; s < outputs_.speaker_sets; ++s)
        speakers_.emplace_back(channels_, sample_rate);
    // What EngineParams' defaults ask for, so that only the gains fade in.
    for (auto& set : speakers_)
        set.reset(1.0f, 0);
    sub_stage_.reset(0.0f, 0);
}

void Engine::reset(const EngineParams& p) noexcept {
    rec_select_.snap(p.rec_source);
    pre_select_.snap(p.source);
    tone_.reset(p.tone);
    for (unsigned c = 0; c < channels_; ++c)
        gain_[c].snap(static_cast<double>(p.gain[c]));
    if (outputs_.sub_channels > 0) {
        sub_lowpass_.reset(p.bass.lowpass);
        sub_stage_.reset(p.bass.sub_gain, p.bass.sub_delay_frames);
        mains_highpass_.reset(p.bass.highpass);
        mains_mix_.snap(std::clamp(static_cast<double>(p.bass.mains_highpass), 0.0, 1.0));
    }
    mix_.snap(p.mix);
    for (unsigned s = 0; s < outputs_.speaker_sets; ++s)
        speakers_[s].reset(p.speakers[s].gain, p.speakers[s].delay_frames);
}

bool Engine::settling() const noexcept {
    return rec_select_.fading() || pre_select_.fading() || tone_.fading() ||
           std::any_of(gain_.begin(), gain_.begin() + channels_,
                       [](const Smoother& s) { return s.ramping(); }) ||
           sub_lowpass_.fading() || sub_stage_.settling() || mains_highpass_.fading() ||
           mains_mix_.ramping() || mix_.fading() ||
           std::any_of(speakers_.begin(), speakers_.end(),
                       [](const OutputStage& s) { return s.settling(); });
}

void Engine::process(const EngineParams& p, const EngineIo& io, std::uint32_t frames) noexcept {
    const FloatEnvironment flush_denormals;
    rec_select_.select(p.rec_source);
    pre_select_.select(p.source);
    tone_.set_target(p.tone, p.ramp_frames);
    for (unsigned c = 0; c < channels_; ++c)
        gain_[c].set_target(static_cast<double>(p.gain[c]), p.ramp_frames);
    if (outputs_.sub_channels > 0) {
        sub_lowpass_.set_target(p.bass.lowpass, p.ramp_frames);
        sub_stage_.set_target(p.bass.sub_gain, p.bass.sub_delay_frames, p.ramp_frames);
        mains_highpass_.set_target(p.bass.highpass, p.ramp_frames);
        mains_mix_.set_target(std::clamp(static_cast<double>(p.bass.mains_highpass), 0.0, 1.0),
                              p.ramp_frames);
    }
    mix_.set_target(p.mix, p.ramp_frames);
    for (unsigned s = 0; s < outputs_.speaker_sets; ++s)
        speakers_[s].set_target(p.speakers[s].gain, p.speakers[s].delay_frames, p.ramp_frames);

    for (std::uint32_t done = 0; done < frames;) {
        const std::uint32_t n = std::min(frames - done, kMaxBlock);
        process_block(io, done, n);
        done += n;
    }
}

void Engine::split_bass(const EngineIo& io, std::uint32_t offset, float* const* pre,
                        std::uint32_t n) noexcept {
    const unsigned subs = outputs_.sub_channels;
    std::array<float*, kMaxSubChannels> sub{};
    for (unsigned k = 0; k < subs; ++k)
        sub[k] = io.sub[k] + offset;
    if (sub_stage_.silent()) {
        for (unsigned k = 0; k < subs; ++k)
            std::fill_n(sub[k], n, 0.0f);
        sub_lowpass_.clear();
    } else {
        if (subs == 2) {
            std::copy_n(pre[0], n, sub[0]);
            std::copy_n(pre[1], n, sub[1]);
        } else {
            // The mean of every channel: (L + R) / 2 for stereo.
            const float scale = 1.0f / static_cast<float>(channels_);
            for (std::uint32_t i = 0; i < n; ++i) {
                float sum = 0.0f;
                for (unsigned c = 0; c < channels_; ++c)
                    sum += pre[c][i];
                sub[0][i] = scale * sum;
            }
        }
        sub_lowpass_.process(sub.data(), n);
        sub_stage_.process(sub.data(), n);
    }
    for (unsigned k = 0; k < subs; ++k)
        Meters::measure(meters_.sub[k], sub[k], n);

    // The mains: x + m * (HP(x) - x), m ramped from 0 (full range) to 1 (high-passed).
    if (!mains_mix_.ramping() && mains_mix_.value() == 0.0) {
        mains_highpass_.clear();
        return;
    }
    if (!mains_mix_.ramping() && mains_mix_.value() == 1.0) {
        mains_highpass_.process(pre, n);
        return;
    }
    std::array<float*, kMaxChannels> diff{};
    for (unsigned c = 0; c < channels_; ++c) {
        diff[c] = scratch_.data() + c * kMaxBlock;
        std::copy_n(pre[c], n, diff[c]);
    }
    float* m = scratch_.data() + kMaxChannels * kMaxBlock;
    std::fill_n(m, n, 1.0f);
    mains_mix_.apply(m, n);
    mains_highpass_.process(diff.data(), n);
    for (unsigned c = 0; c < channels_; ++c)
        for (std::uint32_t i = 0; i < n; ++i)
            pre[c][i] += m[i] * (diff[c][i] - pre[c][i]);
}

void Engine::process_block(const EngineIo& io, std::uint32_t offset, std::uint32_t n) noexcept {
    std::array<float*, kMaxChannels> pre{};
    for (unsigned c = 0; c < channels_; ++c)
        pre[c] = mains_.data() + static_cast<std::size_t>(c) * kMaxBlock;
    for (unsigned s = 0; s < sources_; ++s)
        for (unsigned c = 0; c < channels_; ++c)
            Meters::measure(meters_.in[s * kMaxChannels + c], io.in[s * channels_ + c] + offset, n);

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
    for (unsigned c = 0; c < channels_; ++c)
        gain_[c].apply(pre[c], n);
    if (outputs_.sub_channels > 0) split_bass(io, offset, pre.data(), n);
    mix_.process(pre.data(), n);

    // Speaker sets 1.. take the mains before set 0 (pre_out) changes them in place.
    for (unsigned s = 1; s < outputs_.speaker_sets; ++s) {
        std::array<float*, kMaxChannels> out{};
        for (unsigned c = 0; c < channels_; ++c)
            out[c] = io.speakers[(s - 1) * channels_ + c] + offset;
        OutputStage& set = speakers_[s];
        for (unsigned c = 0; c < channels_; ++c) {
            if (set.silent())
                std::fill_n(out[c], n, 0.0f);
            else
                std::copy_n(pre[c], n, out[c]);
        }
        if (!set.silent()) set.process(out.data(), n);
        for (unsigned c = 0; c < channels_; ++c)
            Meters::measure(meters_.speakers[(s - 1) * kMaxChannels + c], out[c], n);
    }
    if (speakers_[0].silent())
        for (unsigned c = 0; c < channels_; ++c)
            std::fill_n(pre[c], n, 0.0f);
    else
        speakers_[0].process(pre.data(), n);
    for (unsigned c = 0; c < channels_; ++c) {
        Meters::measure(meters_.pre[c], pre[c], n);
        std::copy_n(pre[c], n, io.pre[c] + offset);
    }
    meters_.frames += n;
}

} // namespace preamp::dsp
