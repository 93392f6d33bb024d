#pragma once

// StateStore: keeps preampd's runtime state on disk: restores it at start, saves it a
// moment after a change, on request (SaveState) and at exit.

#include "EventLoop.hpp"
#include "core/Settings.hpp"
#include "core/State.hpp"

#include <string>

namespace preamp::daemon {

/// The state file of one running preampd (core::StateFile does the reading and the
/// atomic writing). Main thread only.
class StateStore {
public:
    /// Saves what `settings` holds (which must outlive it) to `path`.
    StateStore(EventLoop& loop, std::string path, const core::Settings& settings);

    [[nodiscard]] const std::string& path() const noexcept { return path_; }

    /// Applies the saved state to `settings` (the `startup` policy, fitted to the config,
    /// every volume, common and remembered, capped at volume.startup_max_db). A bad state file is
    /// never a reason to stop: whatever is wrong with it means a warning naming it, and the
    /// defaults.
    void restore(core::Settings& settings) const;
    /// Removes the temporary files a preampd killed while saving left beside the state
    /// file (core::StateFile::remove_stale_temporaries), logging each. At start only.
    void remove_stale_temporaries() const;
    /// Saves a moment from now, unless a save is already due (debounced); a failure
    /// then is logged.
    void schedule();
    /// Saves now. A failure is logged and thrown: core::SaveFailed, naming the file and
    /// the OS error.
    void save();
    /// save() for those nobody answers (the exit): whether it worked.
    bool try_save() noexcept;

    /// The saved state `s` made to fit `settings`' config (core::Settings::fitted):
    /// unknown sources and speaker sets fall back, values are clamped into the ranges.
    [[nodiscard]] static core::State fitted(core::State s, const core::Settings& settings);

private:
    std::string path_;
    const core::Settings& settings_;
    Timer due_;
};

} // namespace preamp::daemon
