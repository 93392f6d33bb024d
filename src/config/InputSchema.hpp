#pragma once

#include "core/Config.hpp"

#include <initializer_list>
#include <string_view>

namespace preamp::config {

class Node;

/// The `input` group of preampd.conf (Linux input devices as a control surface) and its
/// `map` list.
namespace input_schema {

/// The keys of the group and of each element of `map`, for Schema's key list.
[[nodiscard]] std::initializer_list<std::string_view> input_keys();
[[nodiscard]] std::initializer_list<std::string_view> map_keys();

/// Reads the group into `input`. `inputs`: the configured inputs, which a mapping's
/// `source` must name. Each error names the file, the line, the value and what is allowed.
void read(const Node& group, const std::vector<core::InputConfig>& inputs,
          core::InputDevicesConfig& input);

} // namespace input_schema
} // namespace preamp::config
