#pragma once

#include "CallbackStats.hpp"
#include "MidiIo.hpp"
#include "core/MeterExchange.hpp"
#include "core/TripleBuffer.hpp"
#include "dsp/Engine.hpp"

#include <atomic>
#include <cstdint>
#include <jack/jack.h>
#include <vector>

namespace preamp::jack {

/// The RT side of a session: the engine and the ports it reads and writes. Everything
/// is allocated by the constructor, before the client is activated, and outlives its
/// deactivation.
class Graph {
public:
    /// Main thread.
    /// `outputs`: sub_out's channels and the speaker sets the engine has beside pre_out.
    Graph(unsigned sources, unsigned channels, double sample_rate, const dsp::OutputLayout& outputs,
          core::TripleBuffer<dsp::EngineParams>& params, core::MeterExchange& meters,
          CallbackStats& stats, std::uint32_t layout);

    /// Main thread, before activation: the ports, source-major for the inputs; sub one
    /// per sub channel; speakers set-major (set 1 first), as dsp::EngineIo has them.
    std::vector<jack_port_t*> in, rec, pre, sub, speakers;
    /// Main thread, before activation: the MIDI ports (none with midi off) and rings.
    MidiIo midi;

    /// RT thread: one period on the ports' buffers.
    int process(jack_nframes_t frames) noexcept;
    /// RT thread: one period on `io` (what process() does once it has the buffers).
    void run(const dsp::EngineIo& io, std::uint32_t frames) noexcept;

    /// Before the graph runs: start at `p` with no fade-in (a graph that replaces a
    /// running one must not dip). Without it the graph is silent until the first snapshot
    /// for its layout comes, then starts there with pre_out fading in.
    void snap(const dsp::EngineParams& p) noexcept {
        engine_.reset(p);
        held_ = p;
        started_ = true;
    }

private:
    dsp::Engine engine_;
    core::TripleBuffer<dsp::EngineParams>& params_;
    core::MeterExchange& meters_;
    std::vector<const float*> in_buf_;
    std::vector<float*> rec_buf_, pre_buf_, sub_buf_, speaker_buf_;
    CallbackStats& stats_;
    std::uint32_t layout_;
    dsp::EngineParams held_{}; // the newest snapshot for this graph's layout
    bool started_ = false;     // held_ is one: the engine runs
    bool first_ = true;        // the first period: look at the slot even if not fresh
};

} // namespace preamp::jack
