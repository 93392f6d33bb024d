#pragma once

#include <atomic>

namespace preamp::jack {

/// Hands the process callback a new graph without stopping it: the control side offers
/// one, the RT thread moves to it at the start of its next period and gives the old one
/// back, which the control side frees once it sees it retired. Lock-free, no waiting on
/// either side. One offer at a time: offer again only once the previous one is retired.
template <class Graph>
class GraphSwap {
public:
    /// Before the callback runs: the graph it starts with.
    explicit GraphSwap(Graph* first) noexcept : current_(first) {}

    /// Control side: run `next` from the next period on.
    void offer(Graph* next) noexcept { next_.store(next, std::memory_order_release); }
    /// Control side: whether the callback has left `g` (the graph before the last offer)
    /// for good; then it may be freed. Clears the report.
    bool retired(const Graph* g) noexcept {
        if (retired_.load(std::memory_order_acquire) != g) return false;
        retired_.store(nullptr, std::memory_order_relaxed);
        return true;
    }

    /// RT thread, at the start of a period: the graph to run.
    Graph& take() noexcept {
        if (Graph* next = next_.exchange(nullptr, std::memory_order_acq_rel)) {
            retired_.store(current_, std::memory_order_release);
            current_ = next;
        }
        return *current_;
    }

private:
    Graph* current_; // RT thread's own once it runs
    std::atomic<Graph*> next_{nullptr};
    std::atomic<Graph*> retired_{nullptr};
};

} // namespace preamp::jack
