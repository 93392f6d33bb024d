#pragma once

#include "core/Config.hpp"
#include "core/MeterExchange.hpp"
#include "core/TripleBuffer.hpp"
#include "dsp/Engine.hpp"

#include <atomic>
#include <compare>
#include <cstdint>
#include <jack/types.h>
#include <memory>
#include <string>
#include <vector>

namespace preamp::jack {

class Client;
class Graph;
struct CallbackStats;

/// Things JACK told us, from its own threads; the main thread takes them in a batch.
enum Event : unsigned {
    shutdown = 1u << 0,            ///< the server went away
    ports_changed = 1u << 1,       ///< a port appeared or left
    connections_changed = 1u << 2, ///< a connection was made or broken
    format_changed = 1u << 3,      ///< sample rate or buffer size
    xrun = 1u << 4,
};

/// One connection of one of our ports, by full port names.
struct Link {
    std::string ours;
    std::string peer;
    auto operator<=>(const Link&) const = default;
};

/// The process callback's health and load, since the previous readings().
struct Readings {
    std::uint64_t periods = 0; ///< total, ever
    std::uint64_t xruns = 0;   ///< total, ever
    double dsp_load = 0.0;     ///< JACK's, percent
    double mean_callback_us = 0.0;
    double max_callback_us = 0.0;
};

/// preampd's life on one JACK server: client, ports with metadata, the process
/// callback running dsp::Engine, and JACK's notifications. Built when a server is
/// there (throws Unavailable otherwise), dropped when it goes. Main thread only.
class Session {
public:
    /// Opens the client and registers the ports; nothing runs until activate().
    /// `wake_fd` (an eventfd) is written whenever an Event is posted. The process
    /// callback applies the snapshots of `params` made for `layout` (EngineParams::layout).
    Session(const core::Config& cfg, const std::string& client_name,
            core::TripleBuffer<dsp::EngineParams>& params, core::MeterExchange& meters, int wake_fd,
            std::uint32_t layout);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void activate();

    [[nodiscard]] std::string client_name() const;
    [[nodiscard]] unsigned sample_rate() const noexcept;
    [[nodiscard]] unsigned buffer_size() const noexcept;
    /// Events posted since the last call (a mask of Event).
    [[nodiscard]] unsigned take_events() noexcept;
    [[nodiscard]] Readings readings();
    /// Xruns JACK has reported to this session (counted on its notification thread).
    [[nodiscard]] std::uint64_t xruns() const noexcept;

    /// Every connection of our ports now.
    [[nodiscard]] std::vector<Link> links() const;
    /// Makes whichever of `links` can be made (both ports exist); the rest wait.
    void connect(const std::vector<Link>& links);
    /// The config's connect lists: exact names, or "~regex" matched against every port
    /// of the right direction. Ports that are not there yet are skipped.
    void auto_connect(const core::Config& cfg);
    /// Pretty names, groups and order of every port, from the config's labels.
    void describe_ports(const core::Config& cfg);
    /// Whether a port of ours with this full name exists.
    [[nodiscard]] bool owns(const std::string& port) const;

    /// New inputs (same channels): registers the new input ports and hands the process
    /// callback a new graph for params.layout, started at `params`, without stopping it, so the
    /// other ports' audio and connections carry on. Ports of removed inputs go at collect(). False
    /// when a previous change is not collected yet.
    bool reconfigure(const core::Config& cfg, const dsp::EngineParams& params);
    /// Frees the replaced graph and unregisters the ports it alone used, once the
    /// process callback has moved to the new one. Call from time to time.
    void collect();

private:
    static int on_process(std::uint32_t frames, void* self) noexcept;
    void post(unsigned events) noexcept;

    void register_inputs(const core::Config& cfg, Graph& graph);

    int wake_fd_;
    core::TripleBuffer<dsp::EngineParams>& params_;
    core::MeterExchange& meters_;
    std::unique_ptr<CallbackStats> stats_;
    std::unique_ptr<Client> client_;
    std::unique_ptr<Graph> live_; // the graph the process callback runs (or is about to)
    std::unique_ptr<Graph> old_;  // the one it ran before, until collect()
    Graph* current_ = nullptr;    // RT thread's own, after activation
    std::atomic<Graph*> next_{nullptr};
    std::atomic<Graph*> retired_{nullptr};
    std::vector<jack_port_t*> doomed_;                          // input ports only old_ uses
    std::vector<std::string> in_names_, rec_names_, pre_names_; // short names
    std::atomic<unsigned> events_{0};
    std::atomic<std::uint64_t> xruns_{0};
    std::uint64_t last_periods_ = 0, last_busy_ns_ = 0;

    friend struct Callbacks;
};

} // namespace preamp::jack
