#pragma once

#include "core/Error.hpp"

namespace preamp::jack {

/// No JACK server to talk to (not running, or refused us). preampd waits and retries.
using Unavailable = core::Error<struct UnavailableKind>;

/// The server runs, but another client has our name: a second preampd without an
/// instance of its own, most likely. Waiting would not help.
using NameTaken = core::Error<struct NameTakenKind>;

} // namespace preamp::jack
