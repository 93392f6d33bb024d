#include "Instance.hpp"

#include "Log.hpp"
#include "config/ConfigError.hpp"
#include "config/ConfigFile.hpp"
#include "core/EngineParams.hpp"
#include "core/Errors.hpp"
#include "core/Instance.hpp"
#include "core/StateFile.hpp"
#include "jack/Client.hpp"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <sys/eventfd.h>
#include <sys/signalfd.h>

namespace preamp::daemon {
namespace {

using namespace std::chrono_literals;

constexpr auto kFirstRetry = 250ms;
constexpr auto kMaxRetry = 2000ms; // JACK back: ports back within 3 s
constexpr auto kSaveDelay = 1000ms;
constexpr auto kTick = 250ms;

core::UniqueFd signal_fd() {
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGTERM, SIGINT, SIGHUP})
        sigaddset(&set, s);
    return core::UniqueFd(::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
}

std::string join_number(double v) {
    return core::format_number(v);
}

// The saved state made to fit `settings`' config: unknown sources fall back, values
// are clamped into the ranges.
core::State fitted(core::State s, const core::Settings& settings) {
    const auto known = [&](const std::string& name) {
        const auto& ins = settings.config().inputs;
        return std::any_of(ins.begin(), ins.end(), [&](const auto& in) { return in.name == name; });
    };
    if (!known(s.source)) s.source = settings.config().inputs.front().name;
    if (!s.rec_source.empty() && !known(s.rec_source)) s.rec_source.clear();
    s.volume_db = settings.volume_range().clamp(s.volume_db);
    s.bass_db = settings.bass_range().clamp(s.bass_db);
    s.treble_db = settings.treble_range().clamp(s.treble_db);
    s.balance = core::Settings::balance_range().clamp(s.balance);
    return s;
}

} // namespace

Instance::Instance(Options options, core::Config config)
    : options_(std::move(options)),
      client_name_(core::instance_name(config.jack.client_name, options_.instance)),
      state_file_(core::instance_name(config.state.file, options_.instance)),
      settings_(std::move(config)), signals_(signal_fd()),
      wake_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)), retry_(loop_, [this] { open_jack(); }),
      tick_(loop_, [this] { on_tick(); }), save_(loop_, [this] { save_state(); }),
      fade_(loop_, [this] { finish_shutdown(); }), bus_timeout_(loop_, [this] { serve(); }),
      backoff_(kFirstRetry) {
    if (signals_.get() < 0 || wake_.get() < 0)
        throw std::runtime_error("cannot create the signal and wake-up descriptors");
    loop_.add(signals_.get(), [this] { on_signal(); });
    loop_.add(wake_.get(), [this] { on_jack_events(); });
    restore_state();
}

Instance::~Instance() {
    if (service_ && !bus_lost_) loop_.remove(service_->fd());
}

void Instance::start_service() {
    service_ = std::make_unique<dbus::Service>(
        *this, options_.system_bus ? dbus::Service::Bus::system : dbus::Service::Bus::session,
        options_.instance);
    loop_.add(
        service_->fd(), [this] { serve(); }, static_cast<unsigned>(service_->events()));
    log::info("Controlled as " + service_->name() + " on the " +
              (options_.system_bus ? "system" : "session") + " bus");
    serve();
}

// Handles what the bus brought, then waits for what sd-bus wants next.
void Instance::serve() {
    use_bus([this] { service_->process(); });
}

// Watches the bus for what sd-bus waits for: reading, and writing while messages are
// queued (an announcement made outside a bus callback goes out when it can).
void Instance::watch_bus() {
    loop_.watch(service_->fd(), static_cast<unsigned>(service_->events()));
    const auto deadline = service_->deadline();
    if (deadline == std::chrono::microseconds::max()) {
        bus_timeout_.stop();
        return;
    }
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    const auto now_us = std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
    bus_timeout_.start(std::chrono::duration_cast<std::chrono::nanoseconds>(deadline) - now_us);
}

void Instance::change(const std::function<void(core::Settings&)>& f) {
    f(settings_); // Settings refuses whole changes, so a throw leaves it as it was
    publish();
    schedule_save();
    announce();
}

void Instance::announce() {
    use_bus([this] { service_->announce(); });
}

void Instance::use_bus(const std::function<void()>& step) {
    if (!service_ || bus_lost_) return;
    try {
        step();
        if (!bus_lost_) watch_bus();
    } catch (const dbus::Service::Lost& e) {
        lose_bus(e.what());
    }
}

void Instance::lose_bus(const std::string& why) {
    if (bus_lost_) return;
    bus_lost_ = true;
    loop_.remove(service_->fd());
    bus_timeout_.stop();
    log::warning("Lost the D-Bus connection (" + why +
                 "): no longer controlled until restarted; the audio runs on");
}

dbus::Status Instance::status() const {
    dbus::Status s;
    s.state = state_;
    if (session_) {
        s.sample_rate = session_->sample_rate();
        s.buffer_size = session_->buffer_size();
    }
    s.xruns = xruns_;
    s.dsp_load = readings_.dsp_load;
    s.callback_mean_us = readings_.mean_callback_us;
    s.callback_max_us = readings_.max_callback_us;
    return s;
}

std::vector<dbus::Level> Instance::levels() {
    std::vector<dbus::Level> out;
    if (!session_) return out;
    const dsp::Meters m = meters_.take();
    const auto& channels = settings_.config().jack.channels;
    const double frames = static_cast<double>(m.frames);
    const auto level = [&](const std::string& port, const dsp::ChannelMeter& c) {
        const double rms = frames > 0 ? std::sqrt(c.sum_squares / frames) : 0.0;
        out.push_back({port, core::to_dbfs(c.peak), core::to_dbfs(rms)});
    };
    for (std::size_t c = 0; c < channels.size(); ++c)
        level("rec_out_" + channels[c], m.rec[c]);
    for (std::size_t c = 0; c < channels.size(); ++c)
        level("pre_out_" + channels[c], m.pre[c]);
    return out;
}

int Instance::run() {
    start_service();
    open_jack();
    const auto interval = notifier_.ping_interval();
    const std::chrono::nanoseconds tick =
        interval.count() > 0 ? std::min<std::chrono::nanoseconds>(kTick, interval) : kTick;
    tick_.start(tick, tick);
    notifier_.ready(session_ ? "Running" : "Waiting for JACK server");
    loop_.run();
    return 0;
}

// A bad state file is never a reason to stop: whatever is wrong with it (unreadable,
// corrupt, values Settings refuses) means a warning naming it, and the defaults.
void Instance::restore_state() {
    const auto& cfg = settings_.config();
    const auto capped = [&](core::State s) {
        if (s.volume_db > cfg.volume.startup_max_db) {
            log::info("Starting at volume.startup_max_db (" +
                      join_number(cfg.volume.startup_max_db) + " dB), not " +
                      join_number(s.volume_db) + " dB");
            s.volume_db = cfg.volume.startup_max_db;
        }
        return s;
    };
    if (cfg.volume.startup == core::Config::Volume::Startup::restore) {
        try {
            if (std::filesystem::exists(state_file_)) {
                settings_.apply(capped(
                    fitted(core::StateFile::read(state_file_, settings_.defaults()), settings_)));
                return;
            }
            log::info("No saved state in " + state_file_ + ": starting from the defaults");
        } catch (const core::StateFileError& e) {
            log::warning(std::string("Ignoring the saved state: ") + e.what()); // names the file
        } catch (const std::exception& e) {
            log::warning("Ignoring the saved state: " + state_file_ + ": " + e.what());
        }
    }
    settings_.apply(capped(settings_.defaults()));
}

dsp::EngineParams Instance::engine_params() const {
    dsp::EngineParams p = core::make_engine_params(settings_, session_->sample_rate());
    p.layout = layout_;
    if (stopping_) p.gain.fill(0.0f);
    return p;
}

void Instance::publish() {
    if (session_) params_.write(engine_params());
}

void Instance::schedule_save() {
    if (!save_.armed()) save_.start(kSaveDelay);
}

void Instance::save_state() {
    save_.stop();
    try {
        core::StateFile::write(state_file_, settings_.state());
    } catch (const std::exception& e) {
        log::error(std::string("Cannot save the state: ") + e.what());
    }
}

void Instance::set_state(const std::string& state) {
    state_ = state;
    announce();
    if (state == "running" && session_)
        notifier_.status("Running: " + std::to_string(settings_.config().inputs.size()) +
                         " inputs, " + std::to_string(session_->sample_rate()) + " Hz, " +
                         std::to_string(session_->buffer_size()) + " frames");
    else if (state == "waiting-for-jack")
        notifier_.status("Waiting for JACK server");
}

void Instance::open_jack() {
    if (stopping_) return;
    try {
        session_ = std::make_unique<jack::Session>(settings_.config(), client_name_, params_,
                                                   meters_, wake_.get(), layout_);
    } catch (const jack::Unavailable& e) {
        if (!waiting_logged_) log::info(std::string("Waiting for JACK: ") + e.what());
        waiting_logged_ = true;
        set_state("waiting-for-jack");
        retry_.start(backoff_);
        backoff_ = std::min<std::chrono::milliseconds>(backoff_ * 2, kMaxRetry);
        return;
    } catch (const std::exception& e) {
        log::error(std::string("JACK: ") + e.what());
        end_session();
        retry_.start(backoff_);
        return;
    }
    backoff_ = kFirstRetry;
    waiting_logged_ = false;
    publish();
    session_->activate();
    session_->auto_connect(settings_.config());
    session_->connect(links_.links());
    remember_links();
    periods_ = session_->readings().periods;
    set_state("running");
    log::info("Running as JACK client \"" + session_->client_name() +
              "\": " + std::to_string(settings_.config().inputs.size()) + " inputs, " +
              std::to_string(session_->sample_rate()) + " Hz, " +
              std::to_string(session_->buffer_size()) + " frames");
}

void Instance::close_jack(const std::string& why) {
    if (!session_) return;
    log::warning(why);
    end_session();
    set_state("waiting-for-jack");
    retry_.start(kFirstRetry);
}

void Instance::end_session() {
    if (!session_) return;
    xruns_gone_ += session_->xruns();
    links_.session_ended();
    session_.reset();
    readings_ = {};
}

void Instance::remember_links() {
    if (!session_) return;
    links_.update(session_->links());
}

void Instance::on_jack_events() {
    std::uint64_t n = 0;
    [[maybe_unused]] const auto r = ::read(wake_.get(), &n, sizeof n);
    if (!session_) return;
    const unsigned events = session_->take_events();
    if (events & jack::Event::shutdown) {
        close_jack("The JACK server went away; waiting for it to come back");
        return;
    }
    // First what went (so that a connection whose peer left is not made again to a new
    // port of the same name), then what came.
    if (events & (jack::Event::connections_changed | jack::Event::ports_changed)) remember_links();
    if (events & jack::Event::ports_changed) {
        session_->auto_connect(settings_.config());
        session_->connect(links_.links());
    }
    if (events & jack::Event::format_changed) {
        publish();
        set_state("running");
    }
}

void Instance::on_tick() {
    bool alive = !session_; // with no JACK, the main loop itself is what is alive
    if (session_) {
        session_->collect();
        readings_ = session_->readings();
        alive = readings_.periods != periods_;
        periods_ = readings_.periods;
    }
    count_xruns();
    if (alive && notifier_.ping_interval().count() > 0) notifier_.ping();
    announce(); // State, SampleRate, BufferSize and Xruns follow JACK
}

void Instance::count_xruns() {
    const std::uint64_t xruns = xruns_gone_ + readings_.xruns;
    if (xruns != xruns_)
        log::warning("JACK xruns: " + std::to_string(xruns - xruns_) + " (" +
                     std::to_string(xruns) + " since start)");
    xruns_ = xruns;
}

void Instance::on_signal() {
    signalfd_siginfo info{};
    while (::read(signals_.get(), &info, sizeof info) == sizeof info) {
        if (info.ssi_signo == SIGHUP) {
            try {
                reload();
            } catch (const std::exception&) {
                // logged; the running configuration stays
            }
        } else
            begin_shutdown();
    }
}

void Instance::reload() {
    try {
        apply_config_file();
    } catch (const std::exception& e) {
        log::error(std::string("Reload refused, keeping the running configuration: ") + e.what());
        throw;
    }
}

void Instance::apply_config_file() {
    core::Config cfg = config::ConfigFile::load(options_.config);
    const core::Config& old = settings_.config();
    const auto names = [](const core::Config& c) {
        std::vector<std::string> n;
        for (const auto& in : c.inputs)
            n.push_back(in.name);
        return n;
    };
    const bool client_change = cfg.jack.channels != old.jack.channels ||
                               cfg.jack.client_name != old.jack.client_name ||
                               cfg.jack.server != old.jack.server;
    const bool ports_change = client_change || names(cfg) != names(old);
    core::Settings next(std::move(cfg));
    next.apply(fitted(settings_.state(), next));
    settings_ = std::move(next);
    if (ports_change) ++layout_;
    if (session_ && ports_change) {
        // New inputs join the running graph; a new client or channel layout needs a new
        // session (its connections come back from memory).
        remember_links();
        if (client_change || !session_->reconfigure(settings_.config(), engine_params())) {
            end_session();
            open_jack();
        }
    }
    if (session_) {
        session_->describe_ports(settings_.config());
        session_->auto_connect(settings_.config());
        session_->connect(links_.links());
    }
    publish();
    schedule_save();
    notifier_.status(state_ == "running" ? "Running (configuration reloaded)"
                                         : "Waiting for JACK server");
    log::info("Configuration reloaded from " + options_.config);
}

void Instance::begin_shutdown() {
    if (stopping_) return;
    stopping_ = true;
    notifier_.stopping();
    log::info("Stopping: fading out");
    if (!session_) {
        finish_shutdown();
        return;
    }
    publish(); // every gain to zero, over the ramp
    const double ms = settings_.config().volume.ramp_ms +
                      2000.0 * session_->buffer_size() / session_->sample_rate();
    fade_.start(std::chrono::microseconds(static_cast<long>(ms * 1000.0)));
}

void Instance::finish_shutdown() {
    save_state();
    end_session();
    set_state("stopping");
    loop_.stop();
    log::info("Stopped; state saved to " + state_file_);
}

} // namespace preamp::daemon
