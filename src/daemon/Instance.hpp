#pragma once

#include "EventLoop.hpp"
#include "Notifier.hpp"
#include "Options.hpp"
#include "core/MeterExchange.hpp"
#include "core/Settings.hpp"
#include "core/TripleBuffer.hpp"
#include "core/UniqueFd.hpp"
#include "dbus/Control.hpp"
#include "dbus/Service.hpp"
#include "dsp/Engine.hpp"
#include "jack/LinkMemory.hpp"
#include "jack/Session.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace preamp::daemon {

/// The running daemon: owns the main loop, the model, the JACK session, the state file
/// and the systemd notifications. Everything else gets what it needs by reference.
/// Main thread only.
class Instance final : public dbus::Control {
public:
    Instance(Options options, core::Config config);
    ~Instance() override;
    /// Runs until SIGTERM/SIGINT; returns the exit status.
    int run();

    /// "running", "waiting-for-jack" or "stopping".
    [[nodiscard]] const std::string& state() const noexcept { return state_; }

    // dbus::Control
    [[nodiscard]] const core::Settings& settings() const override { return settings_; }
    void change(const std::function<void(core::Settings&)>& change) override;
    [[nodiscard]] dbus::Status status() const override;
    [[nodiscard]] std::vector<dbus::Level> levels() override;
    void reload() override;
    void save_state() override;

private:
    void start_service();
    void serve();
    void watch_bus();
    /// PropertiesChanged for whatever changed, however it changed.
    void announce();
    /// Runs `step` on the bus, then watches it; dbus::Service::Lost means lose_bus().
    void use_bus(const std::function<void()>& step);
    /// The bus connection failed: warns once and serves it no more. The audio runs on and
    /// a stop stays clean; the service object stays, unserved (this may run inside one
    /// of its callbacks).
    void lose_bus(const std::string& why);
    /// Reloads the configuration; throws with its error when the file is refused.
    void apply_config_file();
    void restore_state();
    /// The snapshot for the current settings (main thread; needs a session).
    [[nodiscard]] dsp::EngineParams engine_params() const;
    void publish();
    void schedule_save();

    void open_jack();
    void close_jack(const std::string& why);
    /// Drops the session, keeping its xruns in the count since start.
    void end_session();
    /// Logs the xruns since the previous count; Xruns shows them at the next announce().
    void count_xruns();
    void on_jack_events();
    void remember_links();
    void on_tick();
    void on_signal();
    void begin_shutdown();
    void finish_shutdown();
    void set_state(const std::string& state);

    Options options_;
    std::string client_name_;
    std::string state_file_;
    core::Settings settings_;
    EventLoop loop_;
    Notifier notifier_;
    core::UniqueFd signals_;
    core::UniqueFd wake_;
    core::TripleBuffer<dsp::EngineParams> params_;
    core::MeterExchange meters_;
    std::unique_ptr<jack::Session> session_;
    jack::LinkMemory links_;
    Timer retry_;
    Timer tick_;
    Timer save_;
    Timer fade_;
    Timer bus_timeout_;
    std::unique_ptr<dbus::Service> service_;
    bool bus_lost_ = false;
    std::chrono::milliseconds backoff_;
    bool waiting_logged_ = false;
    std::uint32_t layout_ = 0; // counts input changes; see EngineParams::layout
    jack::Readings readings_;  // the session's newest (DspLoad, CallbackTime)
    std::uint64_t periods_ = 0;
    std::uint64_t xruns_gone_ = 0; // xruns of the sessions that have ended
    std::uint64_t xruns_ = 0;      // since the daemon started, across JACK restarts (Xruns)
    bool stopping_ = false;
    std::string state_ = "starting";
};

} // namespace preamp::daemon
