#pragma once

#include "core/Error.hpp"

namespace preamp::render {

/// A command line that makes no sense. main() prints it with a pointer to --help and
/// exits with status 2.
using UsageError = core::Error<struct UsageErrorKind>;

/// Anything that stops a render: unreadable input, unwritable output, a stream that
/// ends in the middle. main() prints it and exits with status 1.
using RenderError = core::Error<struct RenderErrorKind>;

} // namespace preamp::render
