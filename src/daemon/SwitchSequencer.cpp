// SwitchSequencer: a source switch lowers first and raises after, never the other way.

#include "SwitchSequencer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace preamp::daemon {
namespace {

using Gains = decltype(dsp::EngineParams::gain);

// Per channel, the lower of the two.
Gains lower(const Gains& a, const Gains& b) {
    Gains out{};
    for (std::size_t c = 0; c < out.size(); ++c)
        out[c] = std::min(a[c], b[c]);
    return out;
}

bool any_above(const Gains& a, const Gains& b) {
    for (std::size_t c = 0; c < a.size(); ++c)
        if (a[c] > b[c]) return true;
    return false;
}

} // namespace

SwitchSequencer::SwitchSequencer(EventLoop& loop, core::TripleBuffer<dsp::EngineParams>& params,
                                 Periods periods)
    : params_(params), periods_(std::move(periods)), timer_(loop, [this] { step(false); }) {}

void SwitchSequencer::reset() {
    timer_.stop();
    current_.reset();
}

void SwitchSequencer::publish(const dsp::EngineParams& target, unsigned buffer_size,
                              double sample_rate) {
    target_ = target;
    buffer_size_ = std::max(buffer_size, 1u);
    sample_rate_ = sample_rate;
    step(true);
}

void SwitchSequencer::write(const dsp::EngineParams& p) {
    // The engine takes the snapshot at the start of the period after the one running
    // now, then ramps and crossfades for at most this many frames.
    const double switch_frames = dsp::Engine::kSwitchSeconds * sample_rate_;
    const double frames = std::max(static_cast<double>(p.ramp_frames), switch_frames);
    const auto periods = static_cast<std::uint64_t>(std::ceil(frames / buffer_size_));
    const std::uint64_t done = periods_() + 1 + periods;
    settled_at_ = std::max(settled_at_, done);
    if (current_ && current_->source != p.source) switched_at_ = std::max(switched_at_, done);
    current_ = p;
    params_.write(p);
}

bool SwitchSequencer::reached(std::uint64_t at) {
    const std::uint64_t now = periods_();
    if (now >= at) return true;
    const double seconds = static_cast<double>(at - now) * buffer_size_ / sample_rate_;
    timer_.start(std::chrono::microseconds(std::max(1000L, std::lround(seconds * 1e6))));
    return false;
}

void SwitchSequencer::step(bool fresh) {
    timer_.stop();
    if (!current_ || current_->layout != target_.layout) { // a new engine: nothing to order
        write(target_);
        return;
    }
    dsp::EngineParams low = target_;
    low.gain = lower(current_->gain, target_.gain);
    if (current_->source != target_.source) {
        if (any_above(current_->gain, low.gain)) { // the old source down first
            dsp::EngineParams down = low;
            down.source = current_->source;
            down.tone = current_->tone;
            write(down);
        }
        if (!reached(settled_at_)) return;
        write(low); // the switch, at the lower gains
        fresh = false;
    }
    // A gain rises only once the crossfade of the last switch has ended: until then the
    // source switched from may still be heard.
    if (any_above(target_.gain, current_->gain) && !reached(switched_at_)) {
        if (fresh) write(low); // what may change now does
        return;
    }
    write(target_);
}

} // namespace preamp::daemon
