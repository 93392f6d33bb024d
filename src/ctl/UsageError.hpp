#pragma once

#include <stdexcept>

namespace preamp::ctl {

/// A preampctl command line that makes no sense. The message names the bad word and
/// what is allowed; main prints "preampctl: " and the message, and exits 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace preamp::ctl
