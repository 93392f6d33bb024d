#pragma once

// The fields the control surfaces' mappings share (midi.map, input.map): the source a
// mapping selects, and the volume step it takes.

#include "core/Config.hpp"

#include <string>
#include <vector>

namespace preamp::config {

class Node;

/// `node`'s string, which must be the name of one of `inputs`; else fails at its line
/// with the names allowed.
[[nodiscard]] std::string read_source(const Node& node,
                                      const std::vector<core::InputConfig>& inputs);

/// `node`'s number, a volume step above 0 and at most 10 dB; else fails at its line.
[[nodiscard]] double read_step_db(const Node& node);

} // namespace preamp::config
