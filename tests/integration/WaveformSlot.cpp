#include "WaveformSlot.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace preamp::test {

Waveform sine_wave(Sine sine, double rate) {
    const double step = 2.0 * std::numbers::pi * sine.freq / rate;
    return [sine, step](std::uint64_t frame) {
        return static_cast<float>(sine.amplitude *
                                  std::sin(step * static_cast<double>(frame) + sine.phase));
    };
}

WaveformSlot::~WaveformSlot() = default;

void WaveformSlot::publish(Waveform wave, std::uint64_t period) {
    std::unique_ptr<Entry> entry;
    if (wave) entry = std::make_unique<Entry>(Entry{std::move(wave), ++generations_});
    published_.store(entry.get());
    retired_.emplace_back(std::move(live_), period);
    live_ = std::move(entry);
    collect(period);
}

void WaveformSlot::collect(std::uint64_t period) {
    // A period that read the old pointer began before publish() and has ended once the
    // count has moved past the value publish() saw; one more period is the margin.
    std::erase_if(retired_, [period](const auto& r) { return period >= r.second + 2; });
}

void WaveformSlot::render(float* out, std::uint32_t frames) noexcept {
    const Entry* entry = published_.load();
    if (entry == nullptr) {
        playing_ = 0;
        std::fill(out, out + frames, 0.0f);
        return;
    }
    if (entry->generation != playing_) {
        playing_ = entry->generation;
        frame_ = 0;
    }
    for (std::uint32_t i = 0; i < frames; ++i)
        out[i] = entry->wave(frame_ + i);
    frame_ += frames;
}

} // namespace preamp::test
