#pragma once

#include "core/Error.hpp"

namespace preamp::ctl {

/// The daemon answers but has no levels to give: it waits for its JACK server (or is
/// stopping). main prints "preampctl: " and the message, and exits 4.
using NoLevels = core::Error<struct NoLevelsKind>;

} // namespace preamp::ctl
