#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace preamp::core {

/// A lock-free single-producer/single-consumer ring of short byte records (a MIDI event
/// each, up to 255 bytes), allocated whole by the constructor. Neither side allocates,
/// locks, waits or makes a syscall; a record is pushed whole or not at all. One thread
/// pushes, one other thread peeks and pops.
class RecordRing {
public:
    static constexpr std::size_t kMaxRecord = 255;

    /// `capacity` bytes, rounded up to a power of two; each record takes its size + 1.
    explicit RecordRing(std::size_t capacity);

    /// Producer: false (and counted in dropped()) when the record does not fit now, or is
    /// empty or longer than kMaxRecord.
    bool push(const std::uint8_t* data, std::size_t size) noexcept;
    /// Consumer: the size of the oldest record, if there is one.
    [[nodiscard]] std::optional<std::size_t> peek() const noexcept;
    /// Consumer: copies the oldest record to `out` (room for peek() bytes) and drops it;
    /// returns its size, 0 when there is none.
    std::size_t pop(std::uint8_t* out) noexcept;
    /// Records the producer could not push, ever. Any thread.
    [[nodiscard]] std::uint64_t dropped() const noexcept {
        return dropped_.load(std::memory_order_relaxed);
    }

private:
    std::vector<std::uint8_t> bytes_;
    std::size_t mask_;
    alignas(64) std::atomic<std::size_t> head_{0}; // written by the producer
    alignas(64) std::atomic<std::size_t> tail_{0}; // written by the consumer
    std::atomic<std::uint64_t> dropped_{0};
};

/// The MIDI that crosses the real-time boundary: the events of midi_in, pushed by the
/// process callback, drained by the main loop; and the feedback the main loop queues for
/// the callback to write to midi_out.
struct MidiExchange {
    RecordRing in{1u << 16}; // 20 000 three-byte events
    RecordRing out{1u << 14};
};

} // namespace preamp::core
