#include "Rig.hpp"

#include "Buffers.hpp"

#include <algorithm>

namespace preamp::test {

core::Config stereo_config(unsigned n) {
    core::Config cfg;
    cfg.inputs.clear();
    for (unsigned i = 0; i < n; ++i) {
        // Not `"s" + std::to_string(i)`: GCC 12 at -O3 takes the insert at the front of the
        // temporary for an overlapping memcpy (-Wrestrict; GCC bugs 105329, 105651).
        const std::string name = std::string("s").append(std::to_string(i));
        cfg.inputs.push_back({name, "Source " + std::to_string(i), 0.0, {}});
    }
    return cfg;
}

Rig::Rig(core::Config config, double sample_rate, bool snap, const dsp::OutputLayout& outputs)
    : settings_(std::move(config)), fs_(sample_rate),
      engine_(static_cast<unsigned>(settings_.config().inputs.size()),
              static_cast<unsigned>(settings_.config().jack.channels.size()), sample_rate, outputs),
      params_(core::make_engine_params(settings_, sample_rate)) {
    if (snap) engine_.reset(params_);
}

void Rig::update() {
    params_ = core::make_engine_params(settings_, fs_);
    params_.tone = dsp::ToneParams(params_.tone.stages(), isa_);
    if (adjust_) adjust_(params_);
}

void Rig::adjust(std::function<void(dsp::EngineParams&)> adjust) {
    adjust_ = std::move(adjust);
    update();
}

void Rig::use_isa(dsp::Isa isa) {
    isa_ = isa;
    update();
}

Capture Rig::run(std::size_t frames, const Signal& signal, unsigned period,
                 const std::function<void(std::size_t)>& before_period) {
    const unsigned sources = engine_.sources();
    const unsigned channels = engine_.channels();
    const dsp::OutputLayout& layout = engine_.outputs();
    Buffers b(sources, channels, period, layout);

    Capture out{std::vector<std::vector<float>>(channels),
                std::vector<std::vector<float>>(channels),
                std::vector<std::vector<float>>(b.sub.size()),
                std::vector<std::vector<float>>(b.speakers.size())};
    for (std::size_t done = 0; done < frames;) {
        const auto n = static_cast<unsigned>(std::min<std::size_t>(period, frames - done));
        if (before_period) before_period(done);
        for (unsigned s = 0; s < sources; ++s)
            for (unsigned c = 0; c < channels; ++c)
                for (unsigned i = 0; i < n; ++i)
                    b.in[s * channels + c][i] = signal(s, c, clock_ + i);
        engine_.process(params_, b.io(), n);
        for (unsigned c = 0; c < channels; ++c) {
            out.rec[c].insert(out.rec[c].end(), b.rec[c].begin(), b.rec[c].begin() + n);
            out.pre[c].insert(out.pre[c].end(), b.pre[c].begin(), b.pre[c].begin() + n);
        }
        for (std::size_t k = 0; k < b.sub.size(); ++k)
            out.sub[k].insert(out.sub[k].end(), b.sub[k].begin(), b.sub[k].begin() + n);
        for (std::size_t k = 0; k < b.speakers.size(); ++k)
            out.speakers[k].insert(out.speakers[k].end(), b.speakers[k].begin(),
                                   b.speakers[k].begin() + n);
        clock_ += n;
        done += n;
    }
    return out;
}

} // namespace preamp::test
