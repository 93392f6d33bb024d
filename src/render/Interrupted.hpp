#pragma once

#include "Errors.hpp"

#include <string>

namespace preamp::render {

/// SIGINT, SIGTERM or SIGHUP stopped the render. main() lets the temporary output be
/// removed, then dies of the same signal, so that the caller sees what happened.
class Interrupted : public RenderError {
public:
    explicit Interrupted(int signal)
        : RenderError("interrupted by signal " + std::to_string(signal)), signal_(signal) {}
    [[nodiscard]] int signal() const noexcept { return signal_; }

    /// Main thread, once: from now on the first of those signals only sets a flag (no
    /// SA_RESTART, so a blocked read or write returns EINTR); a second one kills.
    static void catch_signals();
    /// Throws Interrupted when one of those signals arrived.
    static void check();

private:
    int signal_;
};

} // namespace preamp::render
