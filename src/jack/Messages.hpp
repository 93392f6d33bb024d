#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

namespace preamp::jack {

/// What libjack reports through its process-wide error and info hooks. libjack calls
/// them from whichever thread it is on, the process thread included, so a hook only
/// copies the text into a free slot of a fixed ring (a bounded lock-free queue after
/// Dmitry Vyukov's): no allocation, no lock, no syscall. The main thread takes the
/// messages on its own timer and logs them.
class Messages {
public:
    static constexpr std::size_t kSlots = 64;
    static constexpr std::size_t kLength = 256; ///< longer messages are cut

    Messages() noexcept;

    /// Any thread: queues `text`, or counts it as dropped when the ring is full.
    void post(const char* text) noexcept;
    /// One thread at a time (the main thread): what was posted since the last call,
    /// oldest first.
    [[nodiscard]] std::vector<std::string> take();
    /// Messages lost to a full ring, ever.
    [[nodiscard]] std::size_t dropped() const noexcept {
        return dropped_.load(std::memory_order_relaxed);
    }

private:
    struct Slot {
        std::atomic<std::size_t> sequence{0};
        std::array<char, kLength> text{};
    };
    std::array<Slot, kSlots> slots_;
    alignas(64) std::atomic<std::size_t> head_{0};
    alignas(64) std::size_t tail_ = 0;
    std::atomic<std::size_t> dropped_{0};
};

/// The one queue libjack's hooks post to (libjack's hooks are process-wide, so this is
/// too), and whether they post at all: while preampd knocks on a server that is not
/// there, libjack's complaints repeat at each retry and say nothing our log does not.
Messages& messages() noexcept;
void forward_messages(bool on) noexcept;

} // namespace preamp::jack
