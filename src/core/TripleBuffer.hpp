#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace preamp::core {

/// Lock-free single-writer/single-reader slot for complete snapshots: the writer fills
/// its private back buffer and swaps it with the shared middle one; the reader swaps the
/// middle one for its front buffer when it is newer. Neither side ever waits, and the
/// reader always sees a whole snapshot, the newest published.
template <class T>
class TripleBuffer {
    static_assert(std::is_trivially_copyable_v<T>, "snapshots are copied as plain values");
    static_assert(std::atomic<std::uint8_t>::is_always_lock_free);

public:
    explicit TripleBuffer(const T& initial = T{}) {
        for (Slot& s : slots_)
            s.value = initial;
    }

    /// Writer thread only: publish `value` as the newest snapshot.
    void write(const T& value) noexcept {
        slots_[back_].value = value;
        back_ = middle_.exchange(back_ | kFresh, std::memory_order_acq_rel) & kIndex;
    }

    /// Reader thread only: the newest published snapshot (or the one read last time).
    const T& read() noexcept {
        bool fresh;
        return read(fresh);
    }
    /// The same; `fresh` tells whether it is new since the previous read.
    const T& read(bool& fresh) noexcept {
        fresh = (middle_.load(std::memory_order_relaxed) & kFresh) != 0;
        if (fresh) front_ = middle_.exchange(front_, std::memory_order_acq_rel) & kIndex;
        return slots_[front_].value;
    }

private:
    static constexpr std::uint8_t kIndex = 0x3;
    static constexpr std::uint8_t kFresh = 0x4;

    // The writer's index, the shared one and the reader's each on a cache line of their
    // own, and so each slot: one thread's writes never make the other's reads miss. (64
    // bytes on x86-64 and on the Raspberry Pi's Cortex-A; std::hardware_destructive_
    // interference_size would make GCC warn that it may differ between compilers.)
    static constexpr std::size_t kCacheLine = 64;
    struct alignas(kCacheLine) Slot {
        T value{};
    };

    std::array<Slot, 3> slots_{};
    alignas(kCacheLine) std::uint8_t back_ = 0; // writer's
    alignas(kCacheLine) std::atomic<std::uint8_t> middle_{1};
    alignas(kCacheLine) std::uint8_t front_ = 2; // reader's
};

} // namespace preamp::core
