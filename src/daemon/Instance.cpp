#include "Instance.hpp"

#include "Log.hpp"
#include "Reexec.hpp"
#include "config/ConfigFile.hpp"
#include "core/EngineParams.hpp"
#include "core/InstanceName.hpp"
#include "jack/Messages.hpp"

#include <algorithm>
#include <iterator>

namespace preamp::daemon {
namespace {

using namespace std::chrono_literals;

constexpr auto kTick = 250ms;
// No libjack call returns this late unless it never will.
constexpr auto kLibjackStuck = 10s;
constexpr auto kStopWait = 3s;  // for the JACK thread to close the client, at a stop
constexpr auto kReadyWait = 3s; // READY=1 at the latest, even if JACK keeps us waiting

} // namespace

Instance::Instance(Options options, core::Config config)
    : options_(std::move(options)), settings_(std::move(config)),
      store_(loop_, core::instance_name(settings_.config().state.file, options_.instance),
             settings_),
      signals_(loop_, [this] { reload({}); }, [this] { begin_shutdown(); }),
      link_(params_, meters_, midi_exchange_, taken_over()),
      switches_(loop_, params_, [this] { return link_.periods(); }),
      tick_(loop_, [this] { on_tick(); }), fade_(loop_, [this] { finish_shutdown(); }),
      stop_wait_(loop_,
                 [this] {
                     log::warning("JACK did not let go within " +
                                  std::to_string(kStopWait.count()) +
                                  " s; stopping without closing the client" +
                                  (exit_status_ ? "" : " (" + saved_or_not() + ")"));
                     abandoned_ = true;
                     loop_.stop();
                 }),
      bus_(loop_),
      watch_(loop_, meters_, settings_.config(),
             {[this]() -> const core::Settings& { return settings_; },
              [this](const std::function<void(core::Settings&)>& f) { change(f); },
              [this] { return jack_.running; },
              [this] {
                  publish();
                  announce();
              }}),
      midi_(loop_, midi_exchange_, link_, *this), input_(loop_, *this),
      started_at_(std::chrono::steady_clock::now()), health_(xruns_taken_over()) {
    loop_.add(link_.fd(), [this] { on_jack_reports(); });
    store_.remove_stale_temporaries();
    store_.restore(settings_);
}

Instance::~Instance() = default;

void Instance::change(const std::function<void(core::Settings&)>& f) {
    const core::State before = settings_.state();
    f(settings_); // Settings refuses whole changes, so a throw leaves it as it was
    watch_.changed_from(before);
    publish();
    store_.schedule();
    announce();
}

dbus::Status Instance::status() const {
    dbus::Status s;
    s.state = state_ == "running" && watch_.silent() ? "standby" : state_;
    s.standby_in_s = watch_.standby_in(std::chrono::steady_clock::now());
    if (jack_.running) {
        s.sample_rate = jack_.sample_rate;
        s.buffer_size = jack_.buffer_size;
    }
    s.xruns = health_.xruns();
    s.surfaces = midi_.surfaces(jack_.running);
    std::ranges::move(input_.surfaces(), std::back_inserter(s.surfaces));
    s.dsp_load = health_.readings().dsp_load;
    s.callback_mean_us = health_.readings().mean_callback_us;
    s.callback_max_us = health_.readings().max_callback_us;
    return s;
}

std::vector<dbus::Level> Instance::levels() {
    return watch_.read("", MeteredPorts::outputs);
}

std::vector<dbus::Level> Instance::meters(const std::string& reader) {
    return watch_.read(reader, MeteredPorts::inputs_and_outputs);
}

int Instance::run() {
    bus_.start(*this, options_.system_bus, options_.instance);
    const auto& cfg = settings_.config();
    link_.configure(cfg, core::instance_name(cfg.jack.client_name, options_.instance), {}, 0);
    const auto interval = notifier_.ping_interval();
    const std::chrono::nanoseconds tick =
        interval.count() > 0 ? std::min<std::chrono::nanoseconds>(kTick, interval) : kTick;
    tick_.start(tick, tick);
    watch_.start();
    loop_.run();
    return exit_status_;
}

dsp::EngineParams Instance::engine_params(const core::Settings& settings) const {
    dsp::EngineParams p = core::make_engine_params(settings, jack_.sample_rate);
    p.layout = jack_.layout;
    watch_.adjust(p, jack_.sample_rate);
    if (stopping_) p.gain.fill(0.0f);
    return p;
}

void Instance::publish() {
    if (jack_.running)
        switches_.publish(engine_params(settings_), jack_.buffer_size, jack_.sample_rate);
}

std::string Instance::saved_or_not() const {
    return (state_saved_ ? "state saved to " : "the state could not be saved to ") + store_.path();
}

void Instance::set_state(const std::string& state) {
    state_ = state;
    announce();
    if (state == "running")
        notifier_.status("Running: " + std::to_string(settings_.config().inputs.size()) +
                         " inputs, " + std::to_string(jack_.sample_rate) + " Hz, " +
                         std::to_string(jack_.buffer_size) + " frames");
    else if (state == "waiting-for-jack")
        notifier_.status("Waiting for JACK server");
}

// READY=1 once we know whether JACK is there (or after kReadyWait, if the JACK thread
// is held up): the D-Bus service answers from the start.
void Instance::notify_ready(const std::string& status) {
    if (ready_) return;
    ready_ = true;
    notifier_.ready(status);
}

void Instance::on_jack_reports() {
    for (const JackReport& r : link_.take_reports())
        on_jack_report(r);
}

void Instance::on_jack_report(const JackReport& r) {
    using Kind = JackReport::Kind;
    switch (r.kind) {
    case Kind::running:
        jack_ = {true, r.client_name, r.sample_rate, r.buffer_size, r.layout};
        ever_ran_ = true;
        health_.running(link_.readings().periods);
        watch_.jack_started();
        midi_.jack_started();
        publish();
        if (!stopping_) set_state("running");
        notify_ready("Running");
        break;
    case Kind::waiting:
        jack_ = {};
        switches_.reset(); // the next engine starts silent: nothing to order against
        if (!stopping_) set_state("waiting-for-jack");
        notify_ready("Waiting for JACK server");
        if (stopping_) finish_shutdown(); // nothing left to fade
        break;
    case Kind::reconfigured:
        commit_reload(r.token, r);
        break;
    case Kind::refused:
        refuse_reload(r.token, r.message);
        break;
    case Kind::name_taken:
        if (!ever_ran_) {
            log::error(r.message + ": is another preampd running? Give each one a name of its "
                                   "own with --instance NAME (or jack.client_name)");
            fail(1);
        }
        break;
    case Kind::stopped:
        stop_wait_.stop();
        loop_.stop();
        if (!exit_status_) (state_saved_ ? log::info : log::warning)("Stopped; " + saved_or_not());
        break;
    }
}

void Instance::commit_reload(std::uint64_t token, const JackReport& r) {
    auto reload = reloads_.take(token);
    if (!reload) return;
    core::Settings next = std::move(reload->settings);
    const ReloadDone done = std::move(reload->done);
    next.apply(StateStore::fitted(settings_.state(), next)); // what changed meanwhile stays
    settings_ = std::move(next);
    watch_.configure(settings_.config(), r.layout != 0 && r.layout != jack_.layout);
    midi_.configure();
    input_.configure();
    if (r.layout != 0) jack_ = {true, r.client_name, r.sample_rate, r.buffer_size, r.layout};
    publish();
    store_.schedule();
    announce();
    notifier_.status(state_ == "running" ? "Running (configuration reloaded)"
                                         : "Waiting for JACK server");
    log::info("Configuration reloaded from " + options_.config);
    if (done) done("");
}

void Instance::refuse_reload(std::uint64_t token, const std::string& why) {
    log::error("Reload refused, keeping the running configuration: " + why);
    reloads_.refuse(token, why);
}

void Instance::on_tick() {
    if (!restart_ && !stopping_ && link_.busy_for() > kLibjackStuck) {
        state_saved_ = store_.try_save();
        // Seen in jack_client_close after a server died: a lock in libjack that nobody will
        // release. No other JACK client can be made in this process any more (libjack's
        // open and close share that lock), so only a fresh process gets JACK back.
        log::error("libjack has not returned for " + std::to_string(kLibjackStuck.count()) +
                   " s: starting preampd anew, as this process can open no JACK client "
                   "again (" +
                   saved_or_not() + ")");
        hand_over(link_.remembered(), health_.xruns());
        restart_ = true;
        abandoned_ = true; // the JACK thread is stuck in libjack
        loop_.stop();
        return;
    }
    const bool alive = health_.tick(link_.readings(), jack_.running);
    if (!ready_ && std::chrono::steady_clock::now() - started_at_ > kReadyWait)
        notify_ready("Waiting for JACK server");
    log_jack_messages();
    if (alive && notifier_.ping_interval().count() > 0) notifier_.ping();
    announce(); // State, SampleRate, BufferSize and Xruns follow JACK
}

void Instance::log_jack_messages() {
    for (const std::string& m : jack::messages().take())
        log::warning("JACK: " + m);
}

// Reads and validates the file here; the JACK thread then makes the ports it needs, and
// only once they all exist does the new configuration replace the running one
// (commit_reload), so that a refusal at either step leaves everything as it was.
void Instance::reload(ReloadDone done) {
    try {
        core::Config cfg = config::ConfigFile::load(options_.config);
        const std::string client = core::instance_name(cfg.jack.client_name, options_.instance);
        core::Settings next(std::move(cfg));
        next.apply(StateStore::fitted(settings_.state(), next));
        dsp::EngineParams params{};
        if (jack_.running) params = engine_params(next);
        const std::uint64_t token = reloads_.next_token();
        link_.configure(next.config(), client, params, token);
        reloads_.add(token, std::move(next), std::move(done));
    } catch (const std::exception& e) {
        log::error(std::string("Reload refused, keeping the running configuration: ") + e.what());
        throw;
    }
}

void Instance::begin_shutdown() {
    if (stopping_) return;
    stopping_ = true;
    notifier_.stopping();
    log::info("Stopping: fading out");
    if (!jack_.running) {
        finish_shutdown();
        return;
    }
    publish(); // every gain to zero, over the ramp
    const double ms =
        settings_.config().volume.ramp_ms + 2000.0 * jack_.buffer_size / jack_.sample_rate;
    fade_.start(std::chrono::microseconds(static_cast<long>(ms * 1000.0)));
}

void Instance::finish_shutdown() {
    if (stop_wait_.armed() || link_.finished()) return;
    fade_.stop();
    state_saved_ = store_.try_save();
    set_state("stopping");
    link_.stop();
    stop_wait_.start(kStopWait);
}

void Instance::fail(int status) {
    exit_status_ = status;
    stopping_ = true;
    link_.stop();
    stop_wait_.start(kStopWait);
}

} // namespace preamp::daemon
