// RecordRing: a lock-free SPSC ring of short byte records.

#include "RecordRing.hpp"

#include <bit>

namespace preamp::core {

RecordRing::RecordRing(std::size_t capacity)
    : bytes_(std::bit_ceil(capacity < 2 * (kMaxRecord + 1) ? 2 * (kMaxRecord + 1) : capacity)),
      mask_(bytes_.size() - 1) {}

bool RecordRing::push(const std::uint8_t* data, std::size_t size) noexcept {
    const std::size_t head = head_.load(std::memory_order_relaxed);
    const std::size_t tail = tail_.load(std::memory_order_acquire);
    if (size == 0 || size > kMaxRecord || bytes_.size() - (head - tail) < size + 1) {
        dropped_.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    bytes_[head & mask_] = static_cast<std::uint8_t>(size);
    for (std::size_t i = 0; i < size; ++i)
        bytes_[(head + 1 + i) & mask_] = data[i];
    head_.store(head + 1 + size, std::memory_order_release);
    return true;
}

std::optional<std::size_t> RecordRing::peek() const noexcept {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    if (head_.load(std::memory_order_acquire) == tail) return std::nullopt;
    return bytes_[tail & mask_];
}

std::size_t RecordRing::pop(std::uint8_t* out) noexcept {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    if (head_.load(std::memory_order_acquire) == tail) return 0;
    const std::size_t size = bytes_[tail & mask_];
    for (std::size_t i = 0; i < size; ++i)
        out[i] = bytes_[(tail + 1 + i) & mask_];
    tail_.store(tail + 1 + size, std::memory_order_release);
    return size;
}

} // namespace preamp::core
