#include "Graph.hpp"

#include <algorithm>

namespace preamp::jack {

Graph::Graph(unsigned sources, unsigned channels, double sample_rate,
             const dsp::OutputLayout& outputs, core::TripleBuffer<dsp::EngineParams>& params,
             core::MeterExchange& meters, CallbackStats& stats, std::uint32_t layout)
    : engine_(sources, channels, sample_rate, outputs), params_(params), meters_(meters),
      in_buf_(sources * channels), rec_buf_(channels), pre_buf_(channels),
      sub_buf_(engine_.outputs().sub_channels),
      speaker_buf_((engine_.outputs().speaker_sets - 1) * channels), stats_(stats),
      layout_(layout) {}

int Graph::process(jack_nframes_t frames) noexcept {
    const jack_time_t start = jack_get_time();
    midi.process(frames);
    for (std::size_t k = 0; k < in.size(); ++k)
        in_buf_[k] = static_cast<const float*>(jack_port_get_buffer(in[k], frames));
    for (std::size_t c = 0; c < pre.size(); ++c) {
        rec_buf_[c] = static_cast<float*>(jack_port_get_buffer(rec[c], frames));
        pre_buf_[c] = static_cast<float*>(jack_port_get_buffer(pre[c], frames));
    }
    for (std::size_t k = 0; k < sub.size() && k < sub_buf_.size(); ++k)
        sub_buf_[k] = static_cast<float*>(jack_port_get_buffer(sub[k], frames));
    for (std::size_t k = 0; k < speakers.size() && k < speaker_buf_.size(); ++k)
        speaker_buf_[k] = static_cast<float*>(jack_port_get_buffer(speakers[k], frames));
    run({in_buf_.data(), rec_buf_.data(), pre_buf_.data(), sub_buf_.data(), speaker_buf_.data()},
        frames);

    const auto busy = static_cast<std::uint32_t>((jack_get_time() - start) * 1000u);
    stats_.record(busy);
    return 0;
}

void Graph::run(const dsp::EngineIo& io, std::uint32_t frames) noexcept {
    // While inputs change, or a new session starts, the slot may hold a snapshot for
    // another graph: keep to the newest one made for this graph's sources and rate. The
    // graph it replaces may have taken the newest one's freshness: look at it once anyway.
    bool fresh = false;
    const dsp::EngineParams& p = params_.read(fresh);
    if ((fresh || first_) && p.layout == layout_) {
        if (!started_) {
            dsp::EngineParams silent = p; // sources and tone at once, gains from zero
            silent.gain.fill(0.0f);
            engine_.reset(silent);
            started_ = true;
        }
        held_ = p;
    }
    first_ = false;
    if (started_) {
        meters_.begin_period(engine_);
        engine_.process(held_, io, frames);
        meters_.publish(engine_);
    } else {
        for (unsigned c = 0; c < engine_.channels(); ++c) {
            if (io.rec != nullptr) std::fill_n(io.rec[c], frames, 0.0f);
            std::fill_n(io.pre[c], frames, 0.0f);
        }
        const dsp::OutputLayout& out = engine_.outputs();
        for (unsigned k = 0; k < out.sub_channels; ++k)
            std::fill_n(io.sub[k], frames, 0.0f);
        for (unsigned k = 0; k < (out.speaker_sets - 1) * engine_.channels(); ++k)
            std::fill_n(io.speakers[k], frames, 0.0f);
    }
}

} // namespace preamp::jack
