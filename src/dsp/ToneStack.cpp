#include "ToneStack.hpp"

#include <algorithm>
#include <cmath>

namespace preamp::dsp {
namespace {

// Below about -360 dBFS a filter memory is noise nobody can hear; clearing it keeps
// decaying tails out of the denormal range.
constexpr double kFlushBelow = 1e-18;

} // namespace

void ToneStack::Bank::inherit(const Bank& from) noexcept {
    for (auto& ch : state)
        ch.fill(0.0);
    const ToneKernel& to_k = params.kernel();
    const ToneKernel& from_k = from.params.kernel();
    for (unsigned i = 0; i < to_k.stages; ++i)
        for (unsigned j = 0; j < from_k.stages; ++j)
            if (from_k.stage_id[j] == to_k.stage_id[i])
                for (unsigned c = 0; c < kMaxChannels; ++c) {
                    state[c][2 * i] = from.state[c][2 * j];
                    state[c][2 * i + 1] = from.state[c][2 * j + 1];
                }
}

void ToneStack::Bank::run(float* const* x, unsigned channels, std::uint32_t frames) noexcept {
    const ToneKernel& k = params.kernel();
    unsigned c = 0;
    for (; c + 1 < channels; c += 2)
        k.run2(x[c], x[c + 1], frames, state[c].data(), state[c + 1].data());
    if (c < channels) k.run(x[c], frames, state[c].data());
}

void ToneStack::Bank::sanitize(unsigned channels) noexcept {
    const unsigned used = 2 * params.kernel().stages;
    for (unsigned c = 0; c < channels; ++c) {
        auto& s = state[c];
        if (!std::all_of(s.begin(), s.begin() + used, [](double v) { return std::isfinite(v); }))
            s.fill(0.0);
        for (unsigned i = 0; i < used; ++i)
            if (std::fabs(s[i]) < kFlushBelow) s[i] = 0.0;
    }
}

ToneStack::ToneStack(unsigned channels) : channels_(channels), scratch_(kMaxChannels * kMaxBlock) {}

void ToneStack::set_target(const ToneParams& target, std::uint32_t ramp_frames) noexcept {
    const ToneParams& heading = fading() ? bank_[1 - current_].params : bank_[current_].params;
    has_pending_ = !(target == heading);
    if (has_pending_) pending_ = target;
    pending_ramp_ = ramp_frames;
}

void ToneStack::reset(const ToneParams& params) noexcept {
    current_ = 0;
    fade_left_ = 0;
    has_pending_ = false;
    bank_[0].params = params;
    for (auto& ch : bank_[0].state)
        ch.fill(0.0);
}

void ToneStack::process(float* const* channels, std::uint32_t frames) noexcept {
    if (!fading() && has_pending_) {
        has_pending_ = false;
        Bank& next = bank_[1 - current_];
        next.params = pending_;
        next.inherit(bank_[current_]);
        if (pending_ramp_ == 0) {
            current_ = 1 - current_;
        } else {
            fade_len_ = pending_ramp_;
            fade_left_ = pending_ramp_;
        }
    }

    Bank& cur = bank_[current_];
    if (!fading()) {
        cur.run(channels, channels_, frames);
        cur.sanitize(channels_);
        return;
    }

    // Old bank on the buffers, new bank on copies, then a linear crossfade.
    Bank& next = bank_[1 - current_];
    std::array<float*, kMaxChannels> wet{};
    for (unsigned c = 0; c < channels_; ++c) {
        wet[c] = scratch_.data() + c * kMaxBlock;
        std::copy_n(channels[c], frames, wet[c]);
    }
    cur.run(channels, channels_, frames);
    next.run(wet.data(), channels_, frames);

    const std::uint32_t n = std::min(frames, fade_left_);
    const double step = 1.0 / fade_len_;
    const double w0 = static_cast<double>(fade_len_ - fade_left_) * step;
    for (unsigned c = 0; c < channels_; ++c) {
        float* x = channels[c];
        const float* v = wet[c];
        for (std::uint32_t i = 0; i < n; ++i) {
            const auto w = static_cast<float>(w0 + (i + 1) * step);
            x[i] += w * (v[i] - x[i]);
        }
        std::copy(v + n, v + frames, x + n);
    }
    cur.sanitize(channels_);
    next.sanitize(channels_);
    fade_left_ -= n;
    if (fade_left_ == 0) current_ = 1 - current_;
}

} // namespace preamp::dsp
