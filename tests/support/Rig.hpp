#pragma once

#include "Signals.hpp"
#include "core/EngineParams.hpp"
#include "core/Settings.hpp"
#include "dsp/Engine.hpp"

#include <functional>
#include <vector>

namespace preamp::test {

/// What a run produced, per output channel.
struct Capture {
    std::vector<std::vector<float>> rec;
    std::vector<std::vector<float>> pre;
};

/// A dsp::Engine driven like the JACK callback drives it: planar buffers, fixed-size
/// periods, a parameter snapshot rebuilt from Settings by update().
class Rig {
public:
    /// With `snap`, the engine starts at its target (no fade-in), as preamp-render does.
    Rig(core::Config config, double sample_rate, bool snap = true);

    core::Settings& settings() { return settings_; }
    dsp::Engine& engine() { return engine_; }
    const dsp::EngineParams& params() const { return params_; }
    double sample_rate() const { return fs_; }
    std::size_t ramp_frames() const { return params_.ramp_frames; }
    /// Rebuild the snapshot from settings(); the next period ramps to it.
    void update();
    /// Run the tone kernel with `isa` (or lower, if the CPU lacks it) from now on.
    void use_isa(dsp::Isa isa);

    /// Runs `frames` frames of `signal` in periods of `period`; `before_period(frame)` is
    /// called with the absolute frame index at the start of each period. The signal
    /// clock carries on across runs.
    Capture run(std::size_t frames, const Signal& signal, unsigned period = 256,
                const std::function<void(std::size_t)>& before_period = {});

private:
    core::Settings settings_;
    double fs_;
    dsp::Engine engine_;
    dsp::EngineParams params_;
    dsp::Isa isa_ = dsp::best_isa();
    std::size_t clock_ = 0;
};

/// `n` stereo inputs named s0, s1, ...
core::Config stereo_config(unsigned n);

} // namespace preamp::test
