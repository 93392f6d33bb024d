#pragma once

#include "Settings.hpp"
#include "dsp/Engine.hpp"

namespace preamp::core {

/// Linear gain of `db`; exactly 1 at 0 dB.
[[nodiscard]] double db_to_gain(double db) noexcept;

/// The snapshot the RT thread ramps to for `settings` at `sample_rate`: source indices,
/// shelf coefficients (bass, treble, loudness by the volume; identity under Direct),
/// and per-channel gain = trim * balance * volume * dim * mute. Volume at the bottom of
/// its range is silence. Balance attenuates the side turned away from, linearly in
/// amplitude, on channels 0 (left) and 1 (right); further channels are not balanced.
/// With bass management: Butterworth low- and high-pass at the crossover (below 0.45
/// times the rate), sub_gain = level * polarity sign * enabled, the mains high-passed
/// when enabled and bass_management.mains_highpass, the sub delay in frames
/// (round(ms * rate / 1000)); without it bass is left at its defaults (silent sub).
/// mix = polarity * swap * mono (the identity when all are off). Speaker set 0 (pre_out)
/// has gain 1 when on, 0 when off; set s >= 1 its trim when on, 0 when off, and its
/// delay in frames. On a bypass input (InputConfig::bypass) the gain is exactly 1 (0
/// when muted) and the tone the identity: no trim, volume, dim, balance, tone or
/// loudness; the monitor mix, speaker sets and bass management stay. Main thread.
[[nodiscard]] dsp::EngineParams make_engine_params(const Settings& settings, double sample_rate);

} // namespace preamp::core
