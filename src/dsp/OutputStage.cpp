#include "OutputStage.hpp"

#include <algorithm>

namespace preamp::dsp {

OutputStage::OutputStage(unsigned channels, double sample_rate)
    : channels_(std::min(channels, kMaxChannels)), delay_(channels_, sample_rate) {}

void OutputStage::set_target(float gain, std::uint32_t delay_frames,
                             std::uint32_t ramp_frames) noexcept {
    target_ = gain;
    for (unsigned c = 0; c < channels_; ++c)
        gain_[c].set_target(static_cast<double>(gain), ramp_frames);
    delay_.set_target(delay_frames, ramp_frames);
    if (gain != 0.0f) {
        silent_ = false;
        zeros_ = 0;
    } else if (silent_ && delay_.fading()) {
        delay_.clear(); // nothing to crossfade between two silent taps
    }
}

void OutputStage::reset(float gain, std::uint32_t delay_frames) noexcept {
    target_ = gain;
    for (unsigned c = 0; c < channels_; ++c)
        gain_[c].snap(static_cast<double>(gain));
    delay_.reset(delay_frames);
    silent_ = gain == 0.0f;
    zeros_ = 0;
}

bool OutputStage::settling() const noexcept {
    return delay_.fading() || std::any_of(gain_.begin(), gain_.begin() + channels_,
                                          [](const Smoother& s) { return s.ramping(); });
}

void OutputStage::process(float* const* x, std::uint32_t frames) noexcept {
    // Zero from the first frame on: the last non-zero sample leaves the line after
    // `delay` more frames.
    const bool zero = target_ == 0.0f && !gain_[0].ramping();
    for (unsigned c = 0; c < channels_; ++c)
        gain_[c].apply(x[c], frames);
    delay_.process(x, frames);
    if (!zero) return;
    zeros_ = std::min<std::uint32_t>(zeros_ + frames, delay_.max_frames() + 1);
    if (zeros_ > delay_.delay() && !delay_.fading()) {
        delay_.clear();
        silent_ = true;
    }
}

} // namespace preamp::dsp
