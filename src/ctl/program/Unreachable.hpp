#pragma once

#include <stdexcept>

namespace preamp::ctl {

/// The daemon cannot be reached: no bus, its name not on the bus, or no answer in time.
/// main prints "preampctl: " and the message, and exits 3.
class Unreachable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace preamp::ctl
