#pragma once

// The click detector: after a change, no sample-to-sample step may exceed what the
// programme itself does plus what a ramp of ramp_ms (or the 20 ms source crossfade)
// allows. Each case is also run with the same change made abruptly (a 1 ms ramp, or
// Engine::reset), where the detector must fire, so that no case can pass vacuously.

#include "Rig.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace preamp::test::clicks {

inline constexpr double kFs = 48000.0;
inline constexpr std::size_t kPeriod = 100;
inline constexpr std::size_t kChange = 9900;
inline constexpr std::size_t kLength = kChange + 9600;
/// The programme's highest frequency.
inline constexpr double kFmax = 27.0;

/// An offset plus a slow tone: the programme's own steps are tiny, so a step of any
/// consequence is the change's. Source 1 differs in level, offset and frequency.
float programme(unsigned s, unsigned c, std::size_t n);

struct Outcome {
    double step;  ///< largest step around the change
    double bound; ///< what the ramps allow
};

/// The largest step of `y` around kChange against what a ramp of `ramp` frames allows.
Outcome measure(const std::vector<float>& y, std::size_t ramp);

enum class Output { pre, rec, sub, speakers };
enum class Abrupt { short_ramp, reset };

struct Case {
    std::string what;
    std::function<void(Rig&)> setup;  ///< before the run (then update() and reset)
    std::function<void(Rig&)> change; ///< at kChange (then update())
    std::vector<Output> outputs{Output::pre};
    Abrupt abrupt = Abrupt::short_ramp;
    dsp::OutputLayout layout{};
};

/// Runs `c` smoothly and abruptly on a two-source stereo rig at kFs (volume 0 dB before
/// setup) and returns what went wrong: a click on a checked output channel in the
/// smooth run, or one the detector missed in the abrupt run. Empty when all is well.
std::string failures(const Case& c);

} // namespace preamp::test::clicks
