#pragma once

#include <atomic>
#include <cstdint>

namespace preamp::jack {

/// What JACK's threads leave for the main thread, across sessions: a heartbeat and the
/// process callback's own timing (written by the RT thread, one graph at a time), and the
/// xruns (written by the notification thread). Lock-free and wait-free for the writers.
class CallbackStats {
public:
    /// The count of periods and the time they took, read together.
    struct Totals {
        std::uint64_t periods = 0;
        std::uint64_t busy_ns = 0;
    };

    /// RT thread, at the end of each period: one period of `busy_ns` more. The pair is
    /// written inside a sequence count, so that totals() never sees one without the other.
    void record(std::uint32_t busy_ns) noexcept {
        const std::uint64_t seq = seq_.load(std::memory_order_relaxed);
        seq_.store(seq + 1, std::memory_order_relaxed); // odd: being written
        std::atomic_thread_fence(std::memory_order_release);
        busy_ns_.store(busy_ns_.load(std::memory_order_relaxed) + busy_ns,
                       std::memory_order_relaxed);
        periods_.store(periods_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        seq_.store(seq + 2, std::memory_order_release);
        // Fetch-max: a main thread's take_max_busy_ns() between the load and the exchange
        // makes the exchange fail and try again from 0, so no maximum is lost.
        std::uint32_t max = max_busy_ns_.load(std::memory_order_relaxed);
        while (busy_ns > max &&
               !max_busy_ns_.compare_exchange_weak(max, busy_ns, std::memory_order_relaxed)) {
        }
    }

    /// Notification thread: one xrun more.
    void count_xrun() noexcept { xruns_.fetch_add(1, std::memory_order_relaxed); }

    /// Main or JACK-managing thread: both totals of the same moment. Retries while the RT
    /// thread is writing them (a few nanoseconds once a period). Should the writer never
    /// leave it a gap (a writer in a tight loop, as no callback is), gives up after a
    /// million tries with the last reading, which may be off by one period's time,
    /// rather than spin forever.
    [[nodiscard]] Totals totals() const noexcept {
        Totals t;
        for (int tries = 0; tries < 1'000'000; ++tries) {
            const std::uint64_t before = seq_.load(std::memory_order_acquire);
            t = {periods_.load(std::memory_order_relaxed), busy_ns_.load(std::memory_order_relaxed)};
            std::atomic_thread_fence(std::memory_order_acquire);
            if ((before & 1) == 0 && seq_.load(std::memory_order_relaxed) == before) return t;
        }
        return t;
    }

    /// Periods so far: a heartbeat (no pairing needed).
    [[nodiscard]] std::uint64_t periods() const noexcept {
        return periods_.load(std::memory_order_relaxed);
    }

    /// The longest period since the last call, and start again from 0.
    [[nodiscard]] std::uint32_t take_max_busy_ns() noexcept {
        return max_busy_ns_.exchange(0, std::memory_order_relaxed);
    }

    [[nodiscard]] std::uint64_t xruns() const noexcept {
        return xruns_.load(std::memory_order_relaxed);
    }

private:
    std::atomic<std::uint64_t> seq_{0};
    std::atomic<std::uint64_t> periods_{0};
    std::atomic<std::uint64_t> busy_ns_{0}; // sum over all periods
    std::atomic<std::uint32_t> max_busy_ns_{0};
    std::atomic<std::uint64_t> xruns_{0};
};

} // namespace preamp::jack
