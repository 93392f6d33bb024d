#pragma once

#include "core/Error.hpp"

namespace preamp::config {

/// A configuration that cannot be used. The message starts with where:
/// "FILE:LINE: SETTING: problem", or "FILE: problem" when no line applies.
using ConfigError = core::Error<struct ConfigErrorKind>;

} // namespace preamp::config
