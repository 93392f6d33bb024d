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

void ToneStack::Bank::clear() noexcept {
    for (auto& ch : state)
        ch.fill(0.0);
}

ToneStack::ToneStack(unsigned channels) : banks_(channels) {}

void ToneStack::set_target(const ToneParams& target, std::uint32_t ramp_frames) noexcept {
    banks_.set_target(target, ramp_frames);
}

void ToneStack::reset(const ToneParams& params) noexcept {
    banks_.reset(params);
}

void ToneStack::process(float* const* channels, std::uint32_t frames) noexcept {
    banks_.process(channels, frames);
}

} // namespace preamp::dsp
