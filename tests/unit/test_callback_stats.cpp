// jack::CallbackStats: the process callback's timing as the main thread reads it.

#include "Emulation.hpp"
#include "jack/CallbackStats.hpp"

#include <atomic>
#include <gtest/gtest.h>
#include <thread>

using preamp::jack::CallbackStats;

// The mean callback time divides the busy time by the periods: the two must come from
// the same moment. Read separately, a period counted without its time (or the other way
// round) shows at once: every period here takes exactly 1000 ns.
TEST(CallbackStats, TotalsArePairs) {
    if (auto why = preamp::test::spinning_threads_skip()) GTEST_SKIP() << *why;
    CallbackStats stats;
    std::atomic<bool> stop{false};
    // The RT thread records once a period; here once per turn on the CPU, so that the
    // totals are between two writes now and then (a writer that never paused would keep
    // totals() retrying until it gave up).
    std::thread rt([&] {
        while (!stop.load(std::memory_order_relaxed)) {
            stats.record(1000);
            std::this_thread::yield();
        }
    });
    // Read until the writer has been seen moving 10000 times between two reads: however
    // the threads are scheduled, the reads then overlapped the writes that often.
    std::uint64_t reads = 0, moves = 0, last = 0;
    while (moves < 10000) {
        const CallbackStats::Totals t = stats.totals();
        ASSERT_EQ(t.busy_ns, t.periods * 1000) << "after " << reads << " reads";
        ++reads;
        if (t.periods != last) ++moves;
        last = t.periods;
    }
    stop = true;
    rt.join();
    const CallbackStats::Totals t = stats.totals();
    EXPECT_EQ(t.busy_ns, t.periods * 1000);
}

TEST(CallbackStats, MaxIsPerReading) {
    CallbackStats stats;
    stats.record(300);
    stats.record(900);
    stats.record(500);
    EXPECT_EQ(stats.take_max_busy_ns(), 900u);
    EXPECT_EQ(stats.take_max_busy_ns(), 0u); // nothing since
    stats.record(200);
    EXPECT_EQ(stats.take_max_busy_ns(), 200u);
}

TEST(CallbackStats, CountsXruns) {
    CallbackStats stats;
    stats.count_xrun();
    stats.count_xrun();
    EXPECT_EQ(stats.xruns(), 2u);
    EXPECT_EQ(stats.periods(), 0u);
}
