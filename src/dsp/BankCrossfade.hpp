#pragma once

// How a filter on the RT thread takes a new response without a click: two banks, the
// running one and the next, and a linear crossfade of their outputs over the ramp.

#include "Limits.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace preamp::dsp {

/// Two banks of one filter on C channels. A new response never replaces the running one
/// abruptly: the other bank takes it with the running bank's memory (Bank::inherit), and
/// the two outputs are crossfaded linearly over the ramp (they are correlated, so equal
/// gain is right). A change that arrives during a crossfade waits for it to end.
///
/// Bank provides `Params params` (comparable with ==) and, all noexcept:
/// `inherit(const Bank& from)` (take what it can of from's memory),
/// `run(float* const* x, unsigned channels, std::uint32_t frames)` (filter in place),
/// `sanitize(unsigned channels)` (clear a non-finite memory, flush tiny values) and
/// `clear()` (the memory of silence).
template <class Bank>
class BankCrossfade {
public:
    using Params = decltype(Bank::params);

    /// Main thread: allocates the crossfade scratch for `channels` (<= kMaxChannels).
    explicit BankCrossfade(unsigned channels)
        : channels_(std::min(channels, kMaxChannels)), scratch_(kMaxChannels * kMaxBlock) {}

    /// RT thread: head for `target`, crossfading over `ramp_frames` (0 = at once).
    void set_target(const Params& target, std::uint32_t ramp_frames) noexcept {
        has_pending_ = !(target == heading());
        if (has_pending_) pending_ = target;
        pending_ramp_ = ramp_frames;
    }
    /// RT thread: jump to `params` with cleared memory, no crossfade.
    void reset(const Params& params) noexcept {
        current_ = 0;
        fade_left_ = 0;
        has_pending_ = false;
        bank_[0].params = params;
        bank_[0].clear();
    }
    /// RT thread: the memory of silence in both banks; a pending response is taken at
    /// once and a crossfade ends (there is nothing to crossfade between).
    void clear() noexcept {
        if (has_pending_) {
            bank_[current_].params = pending_;
            has_pending_ = false;
        }
        if (fade_left_ > 0) {
            current_ = 1 - current_;
            fade_left_ = 0;
        }
        for (auto& bank : bank_)
            bank.clear();
    }
    /// RT thread: filter `frames` (<= kMaxBlock) samples of each channel in place.
    void process(float* const* x, std::uint32_t frames) noexcept;

    /// True while two banks are crossfading.
    [[nodiscard]] bool fading() const noexcept { return fade_left_ > 0; }
    /// True while a new response waits to be crossfaded in.
    [[nodiscard]] bool pending() const noexcept { return has_pending_; }
    /// The response it runs, or is crossfading to.
    [[nodiscard]] const Params& heading() const noexcept {
        return fading() ? bank_[1 - current_].params : bank_[current_].params;
    }

private:
    unsigned channels_;
    std::array<Bank, 2> bank_{};
    unsigned current_ = 0;
    Params pending_{};
    bool has_pending_ = false;
    std::uint32_t pending_ramp_ = 0;
    std::uint32_t fade_len_ = 0;
    std::uint32_t fade_left_ = 0;
    std::vector<float> scratch_;
};

template <class Bank>
void BankCrossfade<Bank>::process(float* const* x, std::uint32_t frames) noexcept {
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
        cur.run(x, channels_, frames);
        cur.sanitize(channels_);
        return;
    }

    // Old bank on the buffers, new bank on copies, then a linear crossfade.
    Bank& next = bank_[1 - current_];
    std::array<float*, kMaxChannels> wet{};
    for (unsigned c = 0; c < channels_; ++c) {
        wet[c] = scratch_.data() + c * kMaxBlock;
        std::copy_n(x[c], frames, wet[c]);
    }
    cur.run(x, channels_, frames);
    next.run(wet.data(), channels_, frames);

    const std::uint32_t n = std::min(frames, fade_left_);
    const double step = 1.0 / fade_len_;
    const double w0 = static_cast<double>(fade_len_ - fade_left_) * step;
    for (unsigned c = 0; c < channels_; ++c) {
        float* y = x[c];
        const float* v = wet[c];
        for (std::uint32_t i = 0; i < n; ++i) {
            const auto w = static_cast<float>(w0 + (i + 1) * step);
            y[i] += w * (v[i] - y[i]);
        }
        std::copy(v + n, v + frames, y + n);
    }
    cur.sanitize(channels_);
    next.sanitize(channels_);
    fade_left_ -= n;
    if (fade_left_ == 0) current_ = 1 - current_;
}

} // namespace preamp::dsp
