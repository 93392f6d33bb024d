#include "Smoother.hpp"

#include "Simd.hpp"

#include <algorithm>

namespace preamp::dsp {
namespace {

PREAMP_HOT void scale(float* x, float g, std::uint32_t n) noexcept {
    for (std::uint32_t i = 0; i < n; ++i)
        x[i] *= g;
}

} // namespace
} // namespace preamp::dsp

namespace preamp::dsp {

void Smoother::set_target(double target, std::uint32_t frames) noexcept {
    if (target == target_) return;
    target_ = target;
    if (frames == 0) {
        snap(target);
        return;
    }
    step_ = (target - value_) / frames;
    left_ = frames;
}

void Smoother::snap(double value) noexcept {
    value_ = target_ = value;
    left_ = 0;
}

void Smoother::apply(float* x, std::uint32_t frames) noexcept {
    std::uint32_t i = 0;
    for (; i < frames && left_ > 0; ++i, --left_) {
        value_ = left_ == 1 ? target_ : value_ + step_;
        x[i] = static_cast<float>(static_cast<double>(x[i]) * value_);
    }
    if (i == frames || value_ == 1.0) return;
    const float g = static_cast<float>(value_);
    if (g == 0.0f) {
        std::fill(x + i, x + frames, 0.0f);
        return;
    }
    scale(x + i, g, frames - i);
}

} // namespace preamp::dsp
