#pragma once

#include <stdexcept>

namespace preamp::ctl {

/// The daemon answers but has no levels to give: it waits for its JACK server (or is
/// stopping). main prints "preampctl: " and the message, and exits 4.
class NoLevels : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace preamp::ctl
