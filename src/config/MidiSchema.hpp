#pragma once

#include "core/Config.hpp"

#include <initializer_list>
#include <string_view>

namespace preamp::config {

class Node;

/// The `midi` group of preampd.conf (the JACK MIDI control surface) and its `map` list.
namespace midi_schema {

/// The keys of the group and of each element of `map`, for Schema's key list (functions,
/// so that Schema's tables, made at start-up, never see them before they are made).
[[nodiscard]] std::initializer_list<std::string_view> midi_keys();
[[nodiscard]] std::initializer_list<std::string_view> map_keys();

/// Reads the group into `midi`. `inputs`: the configured inputs, which a mapping's
/// `source` must name. Each error names the file, the line, the value and what is allowed.
void read(const Node& group, const std::vector<core::InputConfig>& inputs, core::MidiConfig& midi);

} // namespace midi_schema
} // namespace preamp::config
