#pragma once

#include <stdexcept>

namespace preamp::render {

/// A command line that makes no sense. main() prints it with a pointer to --help and
/// exits with status 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Anything that stops a render: unreadable input, unwritable output, a stream that
/// ends in the middle. main() prints it and exits with status 1.
class RenderError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace preamp::render
