#pragma once

// The JACK side of the daemon, on a thread of its own. Every libjack call that can
// wait for the server (open, register, activate, connect, metadata, close) runs there,
// so that a server that hangs, dies or stops mid-call can stall only this thread: the
// main loop goes on serving D-Bus, signals and the watchdog.

#include "core/Config.hpp"
#include "core/EventFd.hpp"
#include "core/MeterExchange.hpp"
#include "core/RecordRing.hpp"
#include "core/TripleBuffer.hpp"
#include "dsp/Engine.hpp"
#include "jack/CallbackStats.hpp"
#include "jack/LinkMemory.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <pthread.h>
#include <string>
#include <vector>

namespace preamp::jack {
class Session;
}

namespace preamp::daemon {

/// What the JACK thread tells the main thread.
struct JackReport {
    enum class Kind {
        running,      ///< a session runs (a new one, or its format changed): publish for it
        waiting,      ///< the server went away, or is not there: waiting for it
        reconfigured, ///< configure(token) is in place (layout: the graph now running)
        refused,      ///< configure(token) could not be applied; the previous one runs on
        name_taken,   ///< the server has a client of our name; retrying
        stopped,      ///< stop() is done and the thread has ended
    };
    Kind kind = Kind::waiting;
    std::string message{}; ///< why (refused, name_taken, waiting); {}: may be left out
    std::string client_name{};
    unsigned sample_rate = 0;
    unsigned buffer_size = 0;
    std::uint32_t layout = 0; ///< the running graph's (EngineParams::layout); 0: none
    std::uint64_t token = 0;
};

/// The process callback's health and load.
struct JackReadings {
    std::uint64_t periods = 0;     ///< total, ever
    std::uint64_t xruns = 0;       ///< total, ever, across sessions
    double dsp_load = 0.0;         ///< JACK's, percent
    double mean_callback_us = 0.0; ///< since the previous readings()
    double max_callback_us = 0.0;
};

/// Runs preampd's jack::Session on its own thread: opens it when a server is there
/// (retrying with a growing period while none is), keeps its connections (LinkMemory,
/// the config's connect lists), applies new configurations prepared-then-committed, and
/// closes it. The public functions are for the main thread and never block on JACK.
class JackLink {
public:
    /// The process callback reads `params` and writes `meters`, whichever session runs.
    /// `inherited`: connections a previous process remembered (see remembered()).
    /// `midi`: the MIDI rings the callback fills and drains (with midi enabled).
    JackLink(core::TripleBuffer<dsp::EngineParams>& params, core::MeterExchange& meters,
             core::MidiExchange& midi, const std::vector<jack::Link>& inherited = {});
    /// Stops the thread if stop() was not called; waits for it a few seconds at most (if
    /// libjack holds it longer, it is left behind: the process is about to end).
    ~JackLink();
    JackLink(const JackLink&) = delete;
    JackLink& operator=(const JackLink&) = delete;

    /// Readable when reports wait: add it to the main loop.
    [[nodiscard]] int fd() const noexcept { return reports_fd_.fd(); }
    [[nodiscard]] std::vector<JackReport> take_reports();

    /// Runs `cfg` as client `client_name`: the first call starts connecting; a later one
    /// replaces the running configuration, answered by a reconfigured or refused report
    /// with `token`. `params`: the snapshot for `cfg` at the running sample rate, for a
    /// new graph to start from without a dip (its layout is set here).
    void configure(core::Config cfg, std::string client_name, dsp::EngineParams params,
                   std::uint64_t token);
    /// Closes the session and ends the thread; a stopped report follows.
    void stop();
    /// Whether the thread has ended.
    [[nodiscard]] bool finished() const noexcept { return finished_.load(); }

    [[nodiscard]] JackReadings readings();
    /// The periods the process callback completed, ever (as readings() counts them),
    /// without taking a reading. Any thread.
    [[nodiscard]] std::uint64_t periods() const noexcept { return stats_.periods(); }

    /// Main thread: the connections remembered (LinkMemory), as last known, even while
    /// the JACK thread is stuck: for a preampd started anew.
    [[nodiscard]] std::vector<jack::Link> remembered() const;

    /// Main thread: how long the JACK thread has been at work since it last waited (0 while
    /// it waits). Nothing it does takes more than a moment, unless libjack never returns.
    [[nodiscard]] std::chrono::nanoseconds busy_for() const noexcept;

private:
    struct Command {
        bool stop = false;
        core::Config cfg{}; // {}: designated initializers may leave them out
        std::string client_name{};
        dsp::EngineParams params{};
        std::uint64_t token = 0;
    };
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::milliseconds kFirstRetry{250};

    static void* thread_main(void* self);
    void run();
    void handle(Command& c);
    void open();
    void end_session();
    void on_events(unsigned events);
    void check_stalled();
    void server_gone(const std::string& why);
    void report(JackReport r);
    void report_running();
    void wait_for_server(const std::string& why);

    core::TripleBuffer<dsp::EngineParams>& params_;
    core::MeterExchange& meters_;
    core::MidiExchange& midi_;
    jack::CallbackStats stats_;
    core::EventFd wake_;       // the thread's: commands and JACK's events
    core::EventFd reports_fd_; // the main loop's
    mutable std::mutex mutex_; // guards commands_, reports_, finished_cv_, remembered_
    std::condition_variable finished_cv_;
    std::deque<Command> commands_;
    std::vector<JackReport> reports_;
    std::atomic<bool> finished_{false};
    std::atomic<std::uint64_t> dsp_load_bits_{0};
    std::atomic<std::int64_t> busy_since_ns_{0}; // Clock's count since its last wait; 0: waiting
    pthread_t thread_{};
    bool started_ = false;

    // Main thread's, for readings().
    std::uint64_t last_periods_ = 0, last_busy_ns_ = 0;

    // The JACK thread's own.
    std::optional<core::Config> cfg_;
    std::string client_name_;
    std::unique_ptr<jack::Session> session_;
    std::uint32_t layout_ = 0;  // the running graph's
    std::uint32_t layouts_ = 0; // graphs made so far: each gets the next number
    unsigned rate_ = 0;         // the session's sample rate when it opened
    jack::LinkMemory links_;
    std::vector<jack::Link> remembered_; // links_'s, for the main thread
    void publish_links();                // links_ changed: copies it to remembered_
    std::chrono::milliseconds backoff_;
    Clock::time_point retry_at_{};
    Clock::time_point progress_at_{}; // when periods last moved
    Clock::time_point describe_at_{}; // when to try the ports' metadata again
    std::uint64_t progress_periods_ = 0;
    bool waiting_ = false; // "waiting" reported and logged
    bool stopping_ = false;
};

} // namespace preamp::daemon
