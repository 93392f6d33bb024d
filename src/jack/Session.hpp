#pragma once

#include "GraphSwap.hpp"
#include "core/Config.hpp"
#include "core/EventFd.hpp"
#include "core/MeterExchange.hpp"
#include "core/RecordRing.hpp"
#include "core/TripleBuffer.hpp"
#include "dsp/Engine.hpp"

#include <atomic>
#include <compare>
#include <cstdint>
#include <jack/types.h>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace preamp::jack {

class Client;
class Graph;
class CallbackStats;

/// Things JACK told us, from its own threads; the owner takes them in a batch.
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

/// preampd's life on one JACK server: client, ports with metadata, the process
/// callback running dsp::Engine, and JACK's notifications. Built when a server is
/// there (throws Unavailable or NameTaken otherwise), dropped when it goes.
///
/// Every call may block in libjack for as long as the server does (a stopped or dying
/// server answers no request), so a Session lives on a thread of its own
/// (daemon::JackLink), never on the main loop. That thread only, unless noted.
class Session {
public:
    /// Opens the client and registers the ports; nothing runs until activate(). `wake`
    /// rings whenever an Event is posted. The process callback applies
    /// the snapshots of `params` made for `layout` (EngineParams::layout): until the first
    /// one comes its outputs are silent, then pre_out fades in. With midi enabled it
    /// copies midi_in into `midi.in` and `midi.out` to midi_out. On failure, whatever was
    /// made is undone.
    Session(const core::Config& cfg, const std::string& client_name,
            core::TripleBuffer<dsp::EngineParams>& params, core::MeterExchange& meters,
            core::MidiExchange& midi, CallbackStats& stats, const core::EventFd& wake,
            std::uint32_t layout);
    /// Deactivates; unless the server has gone, removes our ports and their metadata while
    /// JACK's notification thread still reads what the server sends back (closing with
    /// them left the server to notify a client that no longer listens: with enough ports
    /// its socket fills and the server blocks); then closes.
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void activate();

    [[nodiscard]] std::string client_name() const;
    [[nodiscard]] unsigned sample_rate() const noexcept;
    [[nodiscard]] unsigned buffer_size() const noexcept;
    /// JACK's DSP load, percent.
    [[nodiscard]] double dsp_load() const noexcept;
    /// Events posted since the last call (a mask of Event). Any thread.
    [[nodiscard]] unsigned take_events() noexcept;

    /// Every connection of our ports now.
    [[nodiscard]] std::vector<Link> links() const;
    /// Makes whichever of `links` can be made (both ports exist); the rest wait.
    void connect(const std::vector<Link>& links);
    /// The config's connect lists: exact names, or "~regex" matched against every port
    /// of the right direction. Ports that are not there yet are skipped.
    void auto_connect(const core::Config& cfg);
    /// Pretty names, groups and order of every port, from the config's labels. False if
    /// the server took not all of them: PipeWire's libjack refuses metadata until its
    /// session manager has made the store for it, so try again later.
    bool describe_ports(const core::Config& cfg);
    /// Whether every port's metadata was taken at the last describe_ports().
    [[nodiscard]] bool described() const noexcept { return described_; }
    /// Whether a port of ours with this full name exists.
    [[nodiscard]] bool owns(const std::string& port) const;

    /// New inputs, bass management (sub_out), speaker sets (same channels) or MIDI: first
    /// registers every port the new configuration needs (throws, having unregistered them
    /// again, if one cannot be made: the running graph plays on untouched); then hands the
    /// process callback a new graph for params.layout and cfg.output_layout(), started at
    /// `params`, without stopping it, so the other ports' audio and connections carry on.
    /// Ports no longer configured go at collect(). False, and nothing done, when a
    /// previous change is not collected yet.
    bool reconfigure(const core::Config& cfg, const dsp::EngineParams& params);
    /// Frees the replaced graph and unregisters the ports it alone used, once the
    /// process callback has moved to the new one. Call from time to time.
    void collect();

private:
    static int on_process(std::uint32_t frames, void* self);
    int process(std::uint32_t frames) noexcept;
    void post(unsigned events) noexcept;

    /// The ports called `names`: those in `have_names` taken from `have`, the others
    /// registered (inputs unless `output`) and added to `made`, for the caller to
    /// unregister if a later one fails.
    std::vector<jack_port_t*> ports(const std::vector<std::string>& names, bool output,
                                    const std::vector<std::string>& have_names,
                                    const std::vector<jack_port_t*>& have,
                                    std::vector<jack_port_t*>& made) const;
    /// The ports of `old` whose names are not in `names` go at collect().
    void doom(const std::vector<std::string>& old_names, const std::vector<jack_port_t*>& old,
              const std::vector<std::string>& names);
    void unregister(const std::vector<jack_port_t*>& ports) noexcept;

    const core::EventFd& wake_;
    core::TripleBuffer<dsp::EngineParams>& params_;
    core::MeterExchange& meters_;
    CallbackStats& stats_;
    std::unique_ptr<Client> client_;
    std::unique_ptr<Graph> live_; // the graph the process callback runs (or is about to)
    std::unique_ptr<Graph> old_;  // the one it ran before, until collect()
    std::optional<GraphSwap<Graph>> swap_;
    std::vector<jack_port_t*> doomed_; // ports only old_ uses
    // Short names, in the order of the Graph's port vectors.
    std::vector<std::string> in_names_, rec_names_, pre_names_, sub_names_, speaker_names_;
    std::vector<std::string> midi_names_;
    std::atomic<unsigned> events_{0};
    std::atomic<bool> server_gone_{false};
    bool described_ = false;

    friend struct Callbacks;
};

} // namespace preamp::jack
