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

Rig::Rig(core::Config config, double sample_rate, bool snap)
    : settings_(std::move(config)), fs_(sample_rate),
      engine_(static_cast<unsigned>(settings_.config().inputs.size()),
              static_cast<unsigned>(settings_.config().jack.channels.size()), sample_rate),
      params_(core::make_engine_params(settings_, sample_rate)) {
    if (snap) engine_.reset(params_);
}

void Rig::update() {
    params_ = core::make_engine_params(settings_, fs_);
    params_.tone = dsp::ToneParams(params_.tone.stages(), isa_);
}

void Rig::use_isa(dsp::Isa isa) {
    isa_ = isa;
    update();
}

Capture Rig::run(std::size_t frames, const Signal& signal, unsigned period,
                 const std::function<void(std::size_t)>& before_period) {
    const unsigned sources = engine_.sources();
    const unsigned channels = engine_.channels();
    Buffers b(sources, channels, period);

    Capture out{std::vector<std::vector<float>>(channels),
                std::vector<std::vector<float>>(channels)};
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
        clock_ += n;
        done += n;
    }
    return out;
}

} // namespace preamp::test
