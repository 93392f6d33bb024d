#pragma once

#include "JackClient.hpp"
#include "core/RecordRing.hpp"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace preamp::test {

/// A MIDI controller on JACK, for the tests: output port "out" sends what send() queued,
/// input port "in" records what reaches it. The process callback is RT-clean: it only
/// moves events between the ports and two lock-free rings (core::RecordRing). The other
/// members are for the main thread. Open it on the server the test's Probe uses (one
/// libjack server per process).
class MidiPeer {
public:
    /// Opens and activates client `name` on `server`; throws std::runtime_error if it cannot.
    MidiPeer(const std::string& server, const std::string& name = "midipeer");
    ~MidiPeer();
    MidiPeer(const MidiPeer&) = delete;
    MidiPeer& operator=(const MidiPeer&) = delete;

    [[nodiscard]] std::string out_port() const { return name_ + ":out"; }
    [[nodiscard]] std::string in_port() const { return name_ + ":in"; }

    /// Queues `bytes` as one event, sent at a coming period; false if the queue is full.
    bool send(const std::vector<std::uint8_t>& bytes);
    /// A control change on `channel` (1..16).
    bool cc(unsigned channel, unsigned number, unsigned value);
    /// At most this many events a period from now on (0: as many as fit).
    void limit(unsigned per_period) noexcept { per_period_.store(per_period); }
    /// Events written to "out" so far, and whether every queued one is out.
    [[nodiscard]] std::uint64_t sent() const noexcept { return sent_.load(); }
    [[nodiscard]] bool idle() const noexcept { return !outbox_.peek().has_value(); }

    /// The events "in" received since the last call, oldest first.
    [[nodiscard]] std::vector<std::vector<std::uint8_t>> received();

private:
    static int on_process(jack_nframes_t frames, void* self) noexcept;
    void process(jack_nframes_t frames) noexcept;

    JackClient client_;
    std::string name_;
    jack_port_t* in_ = nullptr;
    jack_port_t* out_ = nullptr;
    core::RecordRing outbox_{1u << 20};
    core::RecordRing inbox_{1u << 20};
    std::atomic<unsigned> per_period_{0};
    std::atomic<std::uint64_t> sent_{0};
};

} // namespace preamp::test
