#pragma once

#include "core/Config.hpp"

#include <string>

namespace preamp::config {

/// A few lines a person reads to see what a config means: inputs with labels, trims and
/// connections, channels, volume, tone, loudness and the state file.
[[nodiscard]] std::string describe(const core::Config& cfg);

} // namespace preamp::config
