#pragma once

#include "core/MeterExchange.hpp"
#include "core/TripleBuffer.hpp"
#include "dsp/Engine.hpp"

#include <atomic>
#include <cstdint>
#include <jack/jack.h>
#include <vector>

namespace preamp::jack {

/// What the process callback leaves for the main thread: a heartbeat and its own
/// timing. Written by the RT thread only, with relaxed atomics.
struct CallbackStats {
    std::atomic<std::uint64_t> periods{0};
    std::atomic<std::uint64_t> busy_ns{0};     ///< sum over all periods
    std::atomic<std::uint32_t> max_busy_ns{0}; ///< since the main thread last took it
};

/// The RT side of a session: the engine and the ports it reads and writes. Everything
/// is allocated by the constructor, before the client is activated, and outlives its
/// deactivation.
class Graph {
public:
    /// Main thread.
    Graph(unsigned sources, unsigned channels, double sample_rate,
          core::TripleBuffer<dsp::EngineParams>& params, core::MeterExchange& meters,
          CallbackStats& stats, std::uint32_t layout);

    /// Main thread, before activation: the ports, source-major for the inputs.
    std::vector<jack_port_t*> in, rec, pre;

    /// RT thread: one period.
    int process(jack_nframes_t frames) noexcept;

    /// Main thread, before the graph runs: start at `p` with no fade-in (a graph that
    /// replaces a running one must not dip).
    void snap(const dsp::EngineParams& p) noexcept {
        engine_.reset(p);
        held_ = p;
    }

private:
    dsp::Engine engine_;
    core::TripleBuffer<dsp::EngineParams>& params_;
    core::MeterExchange& meters_;
    std::vector<const float*> in_buf_;
    std::vector<float*> rec_buf_, pre_buf_;
    CallbackStats& stats_;
    std::uint32_t layout_;
    dsp::EngineParams held_{}; // the newest snapshot for this graph's layout
};

} // namespace preamp::jack
