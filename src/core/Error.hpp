#pragma once

#include <stdexcept>

namespace preamp::core {

/// An error whose message is all there is to say: one kind of failure per `Kind`, so
/// that each can be caught apart, without a class of its own that only repeats
/// std::runtime_error's constructors. A header names each kind and says who throws it
/// and what catches it:
///
///     using UsageError = core::Error<struct UsageErrorKind>;
template <class Kind>
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace preamp::core
