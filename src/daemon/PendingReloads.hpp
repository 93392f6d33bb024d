#pragma once

#include "core/Settings.hpp"
#include "dbus/Control.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace preamp::daemon {

/// The reloads under way: each a configuration read and validated, waiting for the JACK
/// side to have its ports (JackLink answers each by its token, in order), with what to
/// tell whoever asked for it. Main thread only.
class PendingReloads {
public:
    using Done = dbus::Control::ReloadDone;
    struct Reload {
        std::uint64_t token;
        core::Settings settings;
        Done done;
    };

    /// The token of the next reload, for JackLink::configure.
    [[nodiscard]] std::uint64_t next_token() noexcept { return ++tokens_; }
    void add(std::uint64_t token, core::Settings settings, Done done);
    /// Reload `token`, in place now; those before it were answered already (refused).
    [[nodiscard]] std::optional<Reload> take(std::uint64_t token);
    /// Reload `token` refused: tells whoever asked, with `why`.
    void refuse(std::uint64_t token, const std::string& why);

private:
    std::deque<Reload> pending_;
    std::uint64_t tokens_ = 0;
};

} // namespace preamp::daemon
