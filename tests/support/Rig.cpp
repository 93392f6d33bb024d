#include "Rig.hpp"

#include <algorithm>

namespace preamp::test {

core::Config stereo_config(unsigned n) {
    core::Config cfg;
    cfg.inputs.clear();
    for (unsigned i = 0; i < n; ++i) {
        const std::string name = "s" + std::to_string(i);
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
    std::vector<std::vector<float>> in(sources * channels, std::vector<float>(period));
    std::vector<std::vector<float>> rec(channels, std::vector<float>(period));
    std::vector<std::vector<float>> pre(channels, std::vector<float>(period));
    std::vector<const float*> in_ptr;
    std::vector<float*> rec_ptr, pre_ptr;
    for (auto& b : in)
        in_ptr.push_back(b.data());
    for (auto& b : rec)
        rec_ptr.push_back(b.data());
    for (auto& b : pre)
        pre_ptr.push_back(b.data());

    Capture out{std::vector<std::vector<float>>(channels),
                std::vector<std::vector<float>>(channels)};
    for (std::size_t done = 0; done < frames;) {
        const auto n = static_cast<unsigned>(std::min<std::size_t>(period, frames - done));
        if (before_period) before_period(done);
        for (unsigned s = 0; s < sources; ++s)
            for (unsigned c = 0; c < channels; ++c)
                for (unsigned i = 0; i < n; ++i)
                    in[s * channels + c][i] = signal(s, c, clock_ + i);
        engine_.process(params_, {in_ptr.data(), rec_ptr.data(), pre_ptr.data()}, n);
        for (unsigned c = 0; c < channels; ++c) {
            out.rec[c].insert(out.rec[c].end(), rec[c].begin(), rec[c].begin() + n);
            out.pre[c].insert(out.pre[c].end(), pre[c].begin(), pre[c].begin() + n);
        }
        clock_ += n;
        done += n;
    }
    return out;
}

} // namespace preamp::test
