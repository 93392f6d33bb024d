#pragma once

#include "Signals.hpp"
#include "core/EngineParams.hpp"
#include "core/Settings.hpp"
#include "dsp/Engine.hpp"

#include <functional>
#include <vector>

namespace preamp::test {

/// What a run produced, per output channel (speakers: set s >= 1, channel c at
/// [(s - 1) * channels + c], as in dsp::EngineIo).
struct Capture {
    std::vector<std::vector<float>> rec;
    std::vector<std::vector<float>> pre;
    std::vector<std::vector<float>> sub;
    std::vector<std::vector<float>> speakers;
};

/// A dsp::Engine driven like the JACK callback drives it: planar buffers, fixed-size
/// periods, a parameter snapshot rebuilt from Settings by update().
class Rig {
public:
    /// With `snap`, the engine starts at its target (no fade-in), as preamp-render does.
    /// `outputs`: the engine's sub_out and speaker sets beside pre_out.
    Rig(core::Config config, double sample_rate, bool snap = true,
        const dsp::OutputLayout& outputs = {});

    core::Settings& settings() { return settings_; }
    dsp::Engine& engine() { return engine_; }
    const dsp::EngineParams& params() const { return params_; }
    double sample_rate() const { return fs_; }
    std::size_t ramp_frames() const { return params_.ramp_frames; }
    /// Rebuild the snapshot from settings(), then let `adjust` change it; the next period
    /// ramps to it.
    void update();
    /// From now on update() hands each new snapshot to `adjust` (for the parameters no
    /// setting makes), and calls it now.
    void adjust(std::function<void(dsp::EngineParams&)> adjust);
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
    std::function<void(dsp::EngineParams&)> adjust_;
    std::size_t clock_ = 0;
};

/// `n` stereo inputs named s0, s1, ...
core::Config stereo_config(unsigned n);

} // namespace preamp::test
