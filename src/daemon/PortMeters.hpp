#pragma once

#include "core/Config.hpp"
#include "dbus/Control.hpp"
#include "dsp/Meters.hpp"

#include <vector>

namespace preamp::daemon {

/// Which ports a reading covers: the outputs (GetLevels) or the inputs too (GetMeters).
enum class MeteredPorts { outputs, inputs_and_outputs };

/// The reading `m` of an engine for `cfg`, port by port by short JACK name, in the order
/// of the graph: the inputs (with `which` = inputs_and_outputs), rec_out, pre_out, sub_out
/// and the speaker sets.
[[nodiscard]] std::vector<dbus::Level> port_meters(const core::Config& cfg,
                                                   const dsp::Meters& m, MeteredPorts which);

} // namespace preamp::daemon
