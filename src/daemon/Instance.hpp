#pragma once

#include "BusLink.hpp"
#include "EventLoop.hpp"
#include "InputLink.hpp"
#include "JackHealth.hpp"
#include "JackLink.hpp"
#include "MidiLink.hpp"
#include "Notifier.hpp"
#include "Options.hpp"
#include "PendingReloads.hpp"
#include "Signals.hpp"
#include "SignalWatch.hpp"
#include "StateStore.hpp"
#include "SwitchSequencer.hpp"
#include "core/MeterExchange.hpp"
#include "core/Settings.hpp"
#include "core/TripleBuffer.hpp"
#include "core/UniqueFd.hpp"
#include "dbus/Control.hpp"
#include "dsp/Engine.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>

namespace preamp::daemon {

/// The running daemon: owns the main loop, the model, the JACK side (JackLink), the
/// state store and the systemd notifications. Everything else gets what it needs by
/// reference. Main thread only.
class Instance final : public dbus::Control {
public:
    Instance(Options options, core::Config config);
    ~Instance() override;
    /// Runs until SIGTERM/SIGINT; returns the exit status.
    int run();
    /// Whether run() left libjack holding the JACK thread (it did not let go within a few
    /// seconds of the stop): then the process must end with _exit(), not by unwinding.
    [[nodiscard]] bool abandoned() const noexcept { return abandoned_; }
    /// Whether run() ended to start the program anew (libjack hangs; see on_tick).
    [[nodiscard]] bool restart() const noexcept { return restart_; }

    /// "starting", "running", "waiting-for-jack" or "stopping".
    [[nodiscard]] const std::string& state() const noexcept { return state_; }

    // dbus::Control
    [[nodiscard]] const core::Settings& settings() const override { return settings_; }
    void change(const std::function<void(core::Settings&)>& change) override;
    [[nodiscard]] dbus::Status status() const override;
    [[nodiscard]] std::vector<dbus::Level> levels() override;
    [[nodiscard]] std::vector<dbus::Level> meters(const std::string& reader) override;
    void reload(ReloadDone done) override;
    void save_state() override { store_.save(); }

private:
    /// What JACK runs now, as the JACK thread last told it.
    struct Jack {
        bool running = false;
        std::string client_name;
        unsigned sample_rate = 0;
        unsigned buffer_size = 0;
        std::uint32_t layout = 0;
    };

    /// PropertiesChanged for whatever changed, however it changed.
    void announce() { bus_.announce(); }
    /// The snapshot for `settings` on the running JACK graph.
    [[nodiscard]] dsp::EngineParams engine_params(const core::Settings& settings) const;
    void publish();

    void on_jack_reports();
    void on_jack_report(const JackReport& r);
    void commit_reload(std::uint64_t token, const JackReport& r);
    void refuse_reload(std::uint64_t token, const std::string& why);
    void log_jack_messages();
    void on_tick();
    void begin_shutdown();
    void finish_shutdown();
    /// Ends the main loop with `status`, without a fade (nothing played).
    void fail(int status);
    void set_state(const std::string& state);
    /// "state saved to PATH" or not, for the log at a stop.
    [[nodiscard]] std::string saved_or_not() const;
    void notify_ready(const std::string& status);

    Options options_;
    core::Settings settings_;
    EventLoop loop_;
    StateStore store_;
    Notifier notifier_;
    Signals signals_;
    core::TripleBuffer<dsp::EngineParams> params_;
    core::MeterExchange meters_;
    core::MidiExchange midi_exchange_;
    JackLink link_;
    SwitchSequencer switches_; // what publish() writes to params_, a switch in steps
    Jack jack_;
    PendingReloads reloads_;
    Timer tick_;
    Timer fade_;
    Timer stop_wait_;
    BusLink bus_;
    SignalWatch watch_;
    MidiLink midi_;
    InputLink input_;
    bool ready_ = false;
    bool ever_ran_ = false;
    std::chrono::steady_clock::time_point started_at_;
    JackHealth health_;
    bool stopping_ = false;
    bool state_saved_ = false; // at the stop
    bool abandoned_ = false;
    bool restart_ = false;
    int exit_status_ = 0;
    std::string state_ = "starting";
};

} // namespace preamp::daemon
