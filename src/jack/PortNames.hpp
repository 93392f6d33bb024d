#pragma once

#include "core/Config.hpp"

#include <algorithm>
#include <string>
#include <vector>

/// The short names of preampd's JACK ports for a config, in the order the graph keeps
/// them (dsp::EngineIo's): one place, for the ports and for GetLevels.
namespace preamp::jack::port_names {

/// Source-major: cd_L, cd_R, phono_L, ...
[[nodiscard]] std::vector<std::string> inputs(const core::Config& cfg);
/// rec_out_L, rec_out_R, ...
[[nodiscard]] std::vector<std::string> rec(const core::Config& cfg);
/// pre_out_L, pre_out_R, ...
[[nodiscard]] std::vector<std::string> pre(const core::Config& cfg);
/// Without bass management none; sub_out; with bass_management.channels = 2 sub_out_L,
/// sub_out_R (after jack.channels).
[[nodiscard]] std::vector<std::string> sub(const core::Config& cfg);
/// Set-major: pre_out_b_L, pre_out_b_R, pre_out_c_L, ...
[[nodiscard]] std::vector<std::string> speakers(const core::Config& cfg);

} // namespace preamp::jack::port_names
