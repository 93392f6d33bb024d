// jack::CallbackStats: the process callback's timing as the main thread reads it.

#include "jack/CallbackStats.hpp"

#include <atomic>
#include <gtest/gtest.h>
#include <thread>

using preamp::jack::CallbackStats;

// The mean callback time divides the busy time by the periods: the two must come from
// the same moment. Read separately, a period counted without its time (or the other way
// round) shows at once: every period here takes exactly 1000 ns.
TEST(CallbackStats, TotalsArePairs) {
    CallbackStats stats;
    std::atomic<bool> done{false};
    std::thread rt([&] {
        for (int i = 0; i < 2'000'000; ++i)
            stats.record(1000);
        done = true;
    });
    std::uint64_t reads = 0, mid_run = 0;
    while (!done) {
        const CallbackStats::Totals t = stats.totals();
        ASSERT_EQ(t.busy_ns, t.periods * 1000) << "after " << reads << " reads";
        ++reads;
        if (t.periods > 0 && t.periods < 2'000'000) ++mid_run;
    }
    rt.join();
    EXPECT_GT(mid_run, 0u) << "never read while the writer ran: the test proved nothing";
    EXPECT_EQ(stats.totals().periods, 2'000'000u);
    EXPECT_EQ(stats.totals().busy_ns, 2'000'000'000u);
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
