#pragma once

#include <stdexcept>

namespace preamp::jack {

/// No JACK server to talk to (not running, or refused us). preampd waits and retries.
class Unavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The server runs, but another client has our name: a second preampd without an
/// instance of its own, most likely. Waiting would not help.
class NameTaken : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace preamp::jack
