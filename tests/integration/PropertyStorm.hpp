#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace preamp::test {

/// What a PropertyStorm sets beside the properties every preampd has: those of bass
/// management, the monitor switches and the speaker sets `sets` (beside "a").
struct StormOutputs {
    bool on = false;
    std::vector<std::string> sets;
};

/// A control storm on preampd (DaemonFixture's kName): `clients` clients, each with a D-Bus
/// connection and a thread of its own, setting the read/write properties in turn —
/// Volume, Bass, Treble, Balance, Mute, Source (between `sources`), Loudness, Direct, Dim,
/// and with `outputs` also SubEnabled, SubLevel, Crossover, SubDelay, Mono, Swap, Polarity
/// and Speakers (between "a" and `sets`) — with values that change at every round, at up
/// to one set a millisecond each, until stop(). Built and stopped on the main thread; the
/// counters may be read at any time.
class PropertyStorm {
public:
    /// Starts the clients on the bus at `address` ("unix:path=…").
    PropertyStorm(const std::string& address, unsigned clients, std::vector<std::string> sources,
                  StormOutputs outputs = StormOutputs());
    ~PropertyStorm();
    PropertyStorm(const PropertyStorm&) = delete;
    PropertyStorm& operator=(const PropertyStorm&) = delete;

    /// Ends every client and waits for it. Idempotent.
    void stop();
    /// Sets answered without an error, and refused or failed ones.
    [[nodiscard]] std::uint64_t sets() const noexcept { return sets_.load(); }
    [[nodiscard]] std::uint64_t errors() const noexcept { return errors_.load(); }
    /// The first error, e.g. "Volume: org.preampd.Error.InvalidValue: …"; after stop().
    [[nodiscard]] const std::string& first_error() const noexcept { return first_error_; }

private:
    void run(const std::string& address, unsigned client, std::string& error);

    std::vector<std::string> sources_;
    StormOutputs outputs_;
    std::atomic<bool> stopping_{false};
    std::atomic<std::uint64_t> sets_{0};
    std::atomic<std::uint64_t> errors_{0};
    std::vector<std::string> client_errors_;
    std::vector<std::thread> threads_;
    std::string first_error_;
};

} // namespace preamp::test
