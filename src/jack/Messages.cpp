#include "Messages.hpp"

#include <algorithm>
#include <cstring>
#include <jack/jack.h>

namespace preamp::jack {
namespace {

std::atomic<bool> forwarding{false};
Messages queue; // before main(): the first hook may come from the process thread

// libjack's hooks. Not noexcept, and nothing to clean up: on libjack's threads an
// asynchronous cancellation may land anywhere (see Uncancellable.hpp).
void error_hook(const char* text) {
    if (forwarding.load(std::memory_order_relaxed)) queue.post(text);
}
// Its info messages are libjack's chatter ("Jack: ..."), for its own debugging.
void info_hook(const char*) {}

} // namespace

Messages::Messages() noexcept {
    for (std::size_t i = 0; i < kSlots; ++i)
        slots_[i].sequence.store(i, std::memory_order_relaxed);
}

void Messages::post(const char* text) noexcept {
    std::size_t at = head_.load(std::memory_order_relaxed);
    Slot* slot = nullptr;
    for (;;) {
        slot = &slots_[at % kSlots];
        const std::size_t seq = slot->sequence.load(std::memory_order_acquire);
        if (seq == at) {
            if (head_.compare_exchange_weak(at, at + 1, std::memory_order_relaxed)) break;
        } else if (seq < at) { // still holds a message from the previous lap: full
            dropped_.fetch_add(1, std::memory_order_relaxed);
            return;
        } else {
            at = head_.load(std::memory_order_relaxed);
        }
    }
    const std::size_t n = std::min(std::strlen(text), kLength - 1);
    std::memcpy(slot->text.data(), text, n);
    slot->text[n] = '\0';
    slot->sequence.store(at + 1, std::memory_order_release);
}

std::vector<std::string> Messages::take() {
    std::vector<std::string> out;
    for (;;) {
        Slot& slot = slots_[tail_ % kSlots];
        if (slot.sequence.load(std::memory_order_acquire) != tail_ + 1) return out;
        out.emplace_back(slot.text.data());
        slot.sequence.store(tail_ + kSlots, std::memory_order_release);
        ++tail_;
    }
}

Messages& messages() noexcept {
    return queue;
}

void forward_messages(bool on) noexcept {
    static const bool installed = [] {
        jack_set_error_function(error_hook);
        jack_set_info_function(info_hook);
        return true;
    }();
    static_cast<void>(installed);
    forwarding.store(on, std::memory_order_relaxed);
}

} // namespace preamp::jack
