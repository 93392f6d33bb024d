#pragma once

#include "core/Error.hpp"

namespace preamp::ctl {

/// The daemon cannot be reached: no bus, its name not on the bus, or no answer in time.
/// main prints "preampctl: " and the message, and exits 3.
using Unreachable = core::Error<struct UnreachableKind>;

} // namespace preamp::ctl
