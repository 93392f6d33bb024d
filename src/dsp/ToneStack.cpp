#include "ToneStack.hpp"

#include <algorithm>
#include <cmath>

namespace preamp::dsp {
namespace {

// Below about -360 dBFS a filter memory is noise nobody can hear; clearing it keeps
// decaying tails out of the denormal range.
constexpr double kFlushBelow = 1e-18;

// Transposed direct form II: y = b0 x + s1; s1 = b1 x - a1 y + s2; s2 = b2 x - a2 y.
// The stages run one after the other within a sample, so their recurrences overlap.
template <unsigned S>
void cascade(float* x, std::uint32_t frames, const Biquad* c, BiquadState* st) noexcept {
    std::array<Biquad, S> k;
    std::array<BiquadState, S> m;
    std::copy_n(c, S, k.begin());
    std::copy_n(st, S, m.begin());
    for (std::uint32_t i = 0; i < frames; ++i) {
        double v = x[i];
        for (unsigned s = 0; s < S; ++s) {
            const double y = k[s].b0 * v + m[s].s1;
            m[s].s1 = k[s].b1 * v - k[s].a1 * y + m[s].s2;
            m[s].s2 = k[s].b2 * v - k[s].a2 * y;
            v = y;
        }
        x[i] = static_cast<float>(v);
    }
    std::copy_n(m.begin(), S, st);
}

} // namespace

bool ToneParams::is_identity() const noexcept {
    return std::all_of(stage.begin(), stage.end(), [](const Biquad& b) { return b.is_identity(); });
}

void ToneStack::Bank::load(const ToneParams& p) noexcept {
    params = p;
    count = 0;
    for (unsigned s = 0; s < ToneParams::stage_count; ++s) {
        if (p.stage[s].is_identity()) continue;
        packed[count] = p.stage[s];
        stage_of[count] = s;
        ++count;
    }
}

void ToneStack::Bank::clear() noexcept {
    for (auto& ch : state) ch.fill(BiquadState{});
}

void ToneStack::Bank::inherit(const Bank& from) noexcept {
    clear();
    for (unsigned i = 0; i < count; ++i)
        for (unsigned j = 0; j < from.count; ++j)
            if (from.stage_of[j] == stage_of[i])
                for (unsigned c = 0; c < kMaxChannels; ++c) state[c][i] = from.state[c][j];
}

void ToneStack::Bank::run(float* x, unsigned channel, std::uint32_t frames) noexcept {
    auto* st = state[channel].data();
    switch (count) {
    case 0: break;
    case 1: cascade<1>(x, frames, packed.data(), st); break;
    case 2: cascade<2>(x, frames, packed.data(), st); break;
    case 3: cascade<3>(x, frames, packed.data(), st); break;
    default: cascade<4>(x, frames, packed.data(), st); break;
    }
}

void ToneStack::Bank::sanitize(unsigned channels) noexcept {
    for (unsigned c = 0; c < channels; ++c) {
        for (unsigned i = 0; i < count; ++i) {
            auto& m = state[c][i];
            if (!std::isfinite(m.s1) || !std::isfinite(m.s2)) m = {};
            if (std::fabs(m.s1) < kFlushBelow) m.s1 = 0.0;
            if (std::fabs(m.s2) < kFlushBelow) m.s2 = 0.0;
        }
    }
}

ToneStack::ToneStack(unsigned channels) : channels_(channels), scratch_(kMaxBlock) {}

bool ToneStack::bypassed() const noexcept {
    return !fading() && bank_[current_].count == 0;
}

void ToneStack::set_target(const ToneParams& target, std::uint32_t ramp_frames) noexcept {
    const ToneParams& heading = fading() ? bank_[1 - current_].params : bank_[current_].params;
    has_pending_ = !(target == heading);
    pending_ = target;
    pending_ramp_ = ramp_frames;
}

void ToneStack::reset(const ToneParams& params) noexcept {
    current_ = 0;
    fade_left_ = 0;
    has_pending_ = false;
    bank_[0].load(params);
    bank_[0].clear();
}

void ToneStack::process(float* const* channels, std::uint32_t frames) noexcept {
    if (!fading() && has_pending_) {
        has_pending_ = false;
        Bank& next = bank_[1 - current_];
        next.load(pending_);
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
        for (unsigned c = 0; c < channels_; ++c) cur.run(channels[c], c, frames);
        cur.sanitize(channels_);
        return;
    }

    Bank& next = bank_[1 - current_];
    const std::uint32_t n = std::min(frames, fade_left_);
    const double step = 1.0 / fade_len_;
    const double w0 = static_cast<double>(fade_len_ - fade_left_) * step;
    for (unsigned c = 0; c < channels_; ++c) {
        float* x = channels[c];
        std::copy_n(x, frames, scratch_.data());
        cur.run(x, c, n);
        next.run(scratch_.data(), c, frames);
        for (std::uint32_t i = 0; i < n; ++i) {
            const auto w = static_cast<float>(w0 + (i + 1) * step);
            x[i] += w * (scratch_[i] - x[i]);
        }
        std::copy(scratch_.begin() + n, scratch_.begin() + frames, x + n);
    }
    cur.sanitize(channels_);
    next.sanitize(channels_);
    fade_left_ -= n;
    if (fade_left_ == 0) current_ = 1 - current_;
}

} // namespace preamp::dsp
