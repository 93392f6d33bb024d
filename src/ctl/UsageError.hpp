#pragma once

#include "core/Error.hpp"

namespace preamp::ctl {

/// A preampctl command line that makes no sense. The message names the bad word and
/// what is allowed; main prints "preampctl: " and the message, and exits 2.
using UsageError = core::Error<struct UsageErrorKind>;

} // namespace preamp::ctl
