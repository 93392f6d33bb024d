#pragma once

#include <atomic>
#include <cstdint>

namespace preamp::jack {

/// What JACK's threads leave for the main thread, across sessions: a heartbeat and the
/// process callback's own timing (written by the RT thread), and the xruns (written by
/// the notification thread). Relaxed atomics.
struct CallbackStats {
    std::atomic<std::uint64_t> periods{0};
    std::atomic<std::uint64_t> busy_ns{0};     ///< sum over all periods
    std::atomic<std::uint32_t> max_busy_ns{0}; ///< since the main thread last took it
    std::atomic<std::uint64_t> xruns{0};
};

} // namespace preamp::jack
