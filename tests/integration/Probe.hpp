#pragma once

#include "CaptureRing.hpp"
#include "GraphClient.hpp"
#include "WaveformSlot.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace preamp::test {

/// A JACK client of the test's own: output ports that play test signals, input ports
/// that record what reaches them, and (from GraphClient) the graph and metadata queries
/// a test needs.
///
/// Every member is for the main thread only, except process() (RT thread) and
/// on_shutdown() (JACK's thread). The process callback is RT-clean: it reads the ports
/// published so far, writes into lock-free rings and reads lock-free Waveform slots.
///
/// Ports of the probe are named by their short name ("in"); other ports by their full
/// name ("system:capture_1"). Graph functions take full names; full_name() converts.
///
/// libjack 1.9 keeps one process-wide server state, so:
/// - all Probes open at a time must be on the same server (the constructor and reopen()
///   throw std::logic_error otherwise); run a second server's clients as processes;
/// - once a server has gone, the next jack_client_open() in the process frees every
///   client left open on it, and closing one of those later crashes. So Probes close
///   their client as soon as their server is known gone: JackServer::kill() calls
///   server_gone(), stop() calls release() first, and every open first closes the
///   clients of dead Probes.
class Probe : public GraphClient {
public:
    static constexpr std::size_t kMaxPorts = 32;      ///< inputs, and outputs
    static constexpr double kMaxRecordSeconds = 10.0; ///< unread samples an input holds

    /// Opens client `client_name` on JACK server `server` and activates it; throws
    /// std::runtime_error when the server is not there.
    explicit Probe(std::string server, std::string client_name = "probe");
    ~Probe();
    Probe(const Probe&) = delete;
    Probe& operator=(const Probe&) = delete;

    /// The client's name as JACK gave it (JACK renames it if the name is taken).
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// "probe:" + short_name.
    [[nodiscard]] std::string full_name(const std::string& short_name) const;

    /// Registers an output port, silent until play(); returns its full name.
    std::string add_output(const std::string& short_name);
    /// Registers an input port, recorded while recording is on; returns its full name.
    std::string add_input(const std::string& short_name);

    /// Plays `wave` on output `port`, from its frame 0 at the next period.
    void play(const std::string& port, Waveform wave);
    void play(const std::string& port, Sine sine);
    void silence(const std::string& port);

    /// Forgets earlier samples and records every input from the next period on.
    void start_recording();
    void stop_recording();
    /// What input `port` has recorded since start_recording().
    [[nodiscard]] std::vector<float> samples(const std::string& port);
    /// Records every input for `seconds` (exactly that many frames per input).
    void record(double seconds);
    /// record(seconds) and samples(port).
    [[nodiscard]] std::vector<float> capture(const std::string& port, double seconds);
    /// Periods in which recorded samples were lost because an input's ring was full.
    [[nodiscard]] std::uint64_t overruns() const noexcept { return overruns_.load(); }

    [[nodiscard]] const std::string& server() const noexcept { return server_; }
    /// Periods the process callback has run (since construction, across reopen()).
    [[nodiscard]] std::uint64_t periods() const noexcept { return periods_.load(); }
    bool wait_for_periods(std::uint64_t count, std::chrono::milliseconds timeout);

    /// False once the server has shut down or gone away under the probe.
    [[nodiscard]] bool alive() const noexcept { return alive_.load(); }
    bool wait_for_shutdown(std::chrono::milliseconds timeout);
    /// Closes the client and opens it again on the same server (after a restart), with
    /// the same ports, waveforms and name. Connections are not restored.
    void reopen();

    /// Closes the clients of the Probes on `server` while it still runs: JackServer::stop()
    /// does, as closing them after a SIGTERM'd jackd has, now and then, hung libjack 1.9.21
    /// (in jack_client_close, when the shutdown never reached the client). They stay
    /// !alive() until reopen().
    static void release(const std::string& server);
    /// Waits (up to 2 s) for the Probes on `server` to see it go, then closes their
    /// clients, as JackServer::kill() does.
    static void server_gone(const std::string& server);

private:
    struct Input {
        Input(std::string short_name, std::size_t frames)
            : name(std::move(short_name)), ring(frames) {}
        std::string name;
        jack_port_t* port = nullptr;
        CaptureRing ring;
        std::vector<float> samples; ///< main thread only
    };
    struct Output {
        explicit Output(std::string short_name) : name(std::move(short_name)) {}
        std::string name;
        jack_port_t* port = nullptr;
        WaveformSlot slot;
    };

    void open();
    /// Closes the clients of every Probe whose server has gone.
    static void close_dead();
    static std::vector<Probe*>& registry();
    jack_port_t* register_port(const std::string& short_name, unsigned long flags);
    Input& input(const std::string& short_name);
    Output& output(const std::string& short_name);
    void drain_inputs();

    static int process(jack_nframes_t frames, void* self) noexcept;
    static void on_shutdown(void* self) noexcept;
    /// RT thread only.
    void process(jack_nframes_t frames) noexcept;

    std::string server_;
    std::string requested_name_;
    std::string name_;
    std::array<std::unique_ptr<Input>, kMaxPorts> inputs_;
    std::array<std::unique_ptr<Output>, kMaxPorts> outputs_;
    std::atomic<std::size_t> input_count_{0};
    std::atomic<std::size_t> output_count_{0};
    std::atomic<bool> recording_{false};
    std::atomic<bool> alive_{false};
    std::atomic<std::uint64_t> periods_{0};
    std::atomic<std::uint64_t> overruns_{0};
};

} // namespace preamp::test
