#include "JackLink.hpp"

#include "Log.hpp"
#include "jack/Client.hpp"
#include "jack/Session.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <poll.h>
#include <sys/eventfd.h>
#include <system_error>
#include <unistd.h>

namespace preamp::daemon {
namespace {

using namespace std::chrono_literals;

constexpr auto kFirstRetry = 250ms;
constexpr auto kMaxRetry = 2000ms;         // JACK back: ports back within 3 s
constexpr auto kTick = 250ms;              // DSP load, collecting retired graphs
constexpr auto kStall = 5s;                // no period for this long: is the server still there?
constexpr auto kStopWait = 3s;             // how long the destructor waits for the thread
constexpr std::size_t kStack = 512 * 1024; // libjack's own threads have as much

void signal_fd(int fd) noexcept {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(fd, &one, sizeof one);
}

void drain_fd(int fd) noexcept {
    std::uint64_t n = 0;
    [[maybe_unused]] const auto r = ::read(fd, &n, sizeof n);
}

// The names that make up the graph's ports: the inputs, sub_out's channels (0 without
// bass management), the speaker sets and the MIDI ports. Another list needs another graph.
std::vector<std::string> port_plan(const core::Config& c) {
    std::vector<std::string> n;
    for (const auto& in : c.inputs)
        n.push_back("in:" + in.name);
    n.push_back("sub:" + std::to_string(c.output_layout().sub_channels));
    for (const auto& sp : c.speakers)
        n.push_back("speakers:" + sp.name);
    n.push_back(c.midi.enabled ? "midi:on" : "midi:off");
    return n;
}

} // namespace

JackLink::JackLink(core::TripleBuffer<dsp::EngineParams>& params, core::MeterExchange& meters,
                   core::MidiExchange& midi, const std::vector<jack::Link>& inherited)
    : params_(params), meters_(meters), midi_(midi),
      wake_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)),
      reports_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)), backoff_(kFirstRetry) {
    if (!wake_ || !reports_fd_) throw std::system_error(errno, std::generic_category(), "eventfd");
    links_.restore(inherited);
    remembered_ = links_.links();
    pthread_attr_t attr;
    ::pthread_attr_init(&attr);
    ::pthread_attr_setstacksize(&attr, kStack); // locked whole under mlockall
    const int err = ::pthread_create(&thread_, &attr, &JackLink::thread_main, this);
    ::pthread_attr_destroy(&attr);
    if (err != 0) throw std::system_error(err, std::generic_category(), "pthread_create");
    started_ = true;
}

JackLink::~JackLink() {
    if (!started_) return;
    stop();
    std::unique_lock lock(mutex_);
    if (finished_cv_.wait_for(lock, kStopWait, [this] { return finished_.load(); })) {
        lock.unlock();
        ::pthread_join(thread_, nullptr);
    } else {
        ::pthread_detach(thread_); // stuck in libjack; the process ends now
    }
}

std::vector<JackReport> JackLink::take_reports() {
    drain_fd(reports_fd_.get());
    std::lock_guard lock(mutex_);
    return std::exchange(reports_, {});
}

void JackLink::configure(core::Config cfg, std::string client_name, dsp::EngineParams params,
                         std::uint64_t token) {
    {
        std::lock_guard lock(mutex_);
        commands_.push_back({false, std::move(cfg), std::move(client_name), params, token});
    }
    signal_fd(wake_.get());
}

void JackLink::stop() {
    {
        std::lock_guard lock(mutex_);
        commands_.push_back({.stop = true});
    }
    signal_fd(wake_.get());
}

void JackLink::publish_links() {
    std::vector<jack::Link> links = links_.links();
    std::lock_guard lock(mutex_);
    remembered_.swap(links);
}

std::vector<jack::Link> JackLink::remembered() const {
    std::lock_guard lock(mutex_);
    return remembered_;
}

std::chrono::nanoseconds JackLink::busy_for() const noexcept {
    const std::int64_t since = busy_since_ns_.load(std::memory_order_relaxed);
    if (since == 0) return {};
    return Clock::now().time_since_epoch() - std::chrono::nanoseconds(since);
}

JackReadings JackLink::readings() {
    JackReadings r;
    const jack::CallbackStats::Totals totals = stats_.totals();
    const std::uint64_t busy = totals.busy_ns;
    r.periods = totals.periods;
    r.xruns = stats_.xruns();
    r.dsp_load = std::bit_cast<double>(dsp_load_bits_.load(std::memory_order_relaxed));
    if (r.periods > last_periods_ && busy >= last_busy_ns_)
        r.mean_callback_us = static_cast<double>(busy - last_busy_ns_) /
                             static_cast<double>(r.periods - last_periods_) / 1000.0;
    r.max_callback_us = stats_.take_max_busy_ns() / 1000.0;
    last_periods_ = r.periods;
    last_busy_ns_ = busy;
    return r;
}

void* JackLink::thread_main(void* self) {
    static_cast<JackLink*>(self)->run();
    return nullptr;
}

void JackLink::report(JackReport r) {
    {
        std::lock_guard lock(mutex_);
        reports_.push_back(std::move(r));
    }
    signal_fd(reports_fd_.get());
}

void JackLink::report_running() {
    report({.kind = JackReport::Kind::running,
            .client_name = session_->client_name(),
            .sample_rate = session_->sample_rate(),
            .buffer_size = session_->buffer_size(),
            .layout = layout_});
}

void JackLink::run() {
    while (!stopping_) {
        auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(kTick);
        if (!session_ && cfg_)
            timeout = std::clamp(
                std::chrono::duration_cast<std::chrono::milliseconds>(retry_at_ - Clock::now()),
                0ms, timeout);
        busy_since_ns_.store(0, std::memory_order_relaxed);
        pollfd p{wake_.get(), POLLIN, 0};
        ::poll(&p, 1, static_cast<int>(timeout.count()));
        busy_since_ns_.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
        drain_fd(wake_.get());

        std::deque<Command> commands;
        {
            std::lock_guard lock(mutex_);
            commands.swap(commands_);
        }
        for (auto& c : commands) {
            if (stopping_) break;
            handle(c);
        }
        if (stopping_) break;

        if (session_) on_events(session_->take_events());
        if (!session_ && cfg_ && Clock::now() >= retry_at_) open();
        if (session_) {
            dsp_load_bits_.store(std::bit_cast<std::uint64_t>(session_->dsp_load()),
                                 std::memory_order_relaxed);
            session_->collect();
            if (!session_->described() && Clock::now() >= describe_at_) {
                // PipeWire took no metadata yet (its session manager is not up): again
                // every second until it does.
                if (!session_->describe_ports(*cfg_)) describe_at_ = Clock::now() + 1s;
            }
            check_stalled();
        }
    }
    end_session();
    {
        std::lock_guard lock(mutex_);
        reports_.push_back({.kind = JackReport::Kind::stopped});
        finished_ = true;
    }
    finished_cv_.notify_all();
    signal_fd(reports_fd_.get());
}

void JackLink::open() {
    try {
        const std::uint32_t layout = ++layouts_;
        auto s = std::make_unique<jack::Session>(*cfg_, client_name_, params_, meters_, midi_,
                                                 stats_, wake_.get(), layout);
        // Whatever fails from here on closes the new client again (~Session), and the
        // next attempt starts over.
        s->activate();
        s->auto_connect(*cfg_);
        s->connect(links_.links());
        links_.update(s->links());
        publish_links();
        session_ = std::move(s);
        layout_ = layout;
    } catch (const jack::NameTaken& e) {
        report({.kind = JackReport::Kind::name_taken, .message = e.what()});
        wait_for_server(e.what());
        return;
    } catch (const jack::Unavailable& e) {
        wait_for_server(e.what());
        return;
    } catch (const std::exception& e) {
        log::error(std::string("JACK: ") + e.what());
        wait_for_server(e.what());
        return;
    }
    backoff_ = kFirstRetry;
    waiting_ = false;
    rate_ = session_->sample_rate();
    progress_periods_ = stats_.periods();
    progress_at_ = Clock::now();
    log::info("Running as JACK client \"" + session_->client_name() +
              "\": " + std::to_string(cfg_->inputs.size()) + " inputs, " +
              std::to_string(session_->sample_rate()) + " Hz, " +
              std::to_string(session_->buffer_size()) + " frames");
    report_running();
}

void JackLink::wait_for_server(const std::string& why) {
    if (!waiting_) {
        log::info("Waiting for JACK: " + why);
        report({.kind = JackReport::Kind::waiting, .message = why});
        waiting_ = true;
    }
    retry_at_ = Clock::now() + backoff_;
    backoff_ = std::min<std::chrono::milliseconds>(backoff_ * 2, kMaxRetry);
}

void JackLink::end_session() {
    if (!session_) return;
    links_.session_ended();
    publish_links();
    session_.reset(); // may wait for the server: this is the thread for it
    layout_ = 0;
}

// The server went away: drop the session (its connections are remembered) and knock
// again soon.
void JackLink::server_gone(const std::string& why) {
    log::warning(why);
    end_session();
    backoff_ = kFirstRetry;
    retry_at_ = Clock::now() + backoff_;
    waiting_ = true;
    report({.kind = JackReport::Kind::waiting, .message = why});
}

void JackLink::on_events(unsigned events) {
    if (events & jack::Event::shutdown) {
        server_gone("The JACK server went away; waiting for it to come back");
        return;
    }
    // First what went (so that a connection whose peer left is not made again to a new
    // port of the same name), then what came.
    if (events & (jack::Event::connections_changed | jack::Event::ports_changed)) {
        links_.update(session_->links());
        publish_links();
    }
    if (events & jack::Event::ports_changed) {
        session_->auto_connect(*cfg_);
        session_->connect(links_.links());
    }
    if (events & jack::Event::format_changed) {
        if (session_->sample_rate() != rate_) {
            // The engine's crossfades and filters are built for one rate: start afresh.
            log::info("The JACK sample rate changed to " + std::to_string(session_->sample_rate()) +
                      " Hz: reconnecting");
            end_session();
            retry_at_ = Clock::now();
            return;
        }
        report_running();
    }
}

// The last resort, for a server implementation that tells us nothing when it goes:
// periods have stopped. A client that can still connect means the server is there
// (stalled, or stopped and blocking us here until it goes on); one that cannot, that it
// is gone.
void JackLink::check_stalled() {
    const std::uint64_t periods = stats_.periods();
    const auto now = Clock::now();
    if (periods != progress_periods_) {
        progress_periods_ = periods;
        progress_at_ = now;
        return;
    }
    if (now - progress_at_ < kStall) return;
    progress_at_ = now;
    try {
        jack::Client check(client_name_ + "-check", cfg_->jack.server);
    } catch (const jack::Unavailable&) {
        server_gone("The JACK server stopped running our callback and is gone; "
                    "waiting for it to come back");
    } catch (const std::exception&) {
        // there, under whatever name
    }
}

void JackLink::handle(Command& c) {
    if (c.stop) {
        stopping_ = true;
        return;
    }
    if (!cfg_ || !session_) {
        const bool first = !cfg_;
        cfg_ = std::move(c.cfg);
        client_name_ = std::move(c.client_name);
        backoff_ = kFirstRetry;
        retry_at_ = Clock::now(); // a new server name, perhaps: try it now
        if (!first) report({.kind = JackReport::Kind::reconfigured, .token = c.token});
        return;
    }
    const core::Config& old = *cfg_;
    const bool client_change = c.cfg.jack.channels != old.jack.channels ||
                               c.client_name != client_name_ ||
                               c.cfg.jack.server != old.jack.server;
    try {
        if (client_change) {
            links_.update(session_->links());
            publish_links();
            if (c.client_name != client_name_ || c.cfg.jack.server != old.jack.server) {
                // The new client can exist beside the old one: make it first, so that a
                // failure leaves the old one playing.
                const std::uint32_t layout = ++layouts_;
                auto s = std::make_unique<jack::Session>(c.cfg, c.client_name, params_, meters_,
                                                         midi_, stats_, wake_.get(), layout);
                end_session(); // one graph reads the parameters at a time
                session_ = std::move(s);
                layout_ = layout;
                session_->activate();
                rate_ = session_->sample_rate();
            } else {
                // Same name on the same server, other channels: the old one must go first.
                end_session();
                cfg_ = std::move(c.cfg);
                open();
                report(
                    {.kind = JackReport::Kind::reconfigured, .layout = layout_, .token = c.token});
                return;
            }
        } else if (port_plan(c.cfg) != port_plan(old)) {
            c.params.layout = ++layouts_;
            if (!session_->reconfigure(c.cfg, c.params))
                throw std::runtime_error(
                    "the previous change of ports is not in place yet; try again");
            layout_ = c.params.layout;
        }
        cfg_ = std::move(c.cfg);
        client_name_ = std::move(c.client_name);
        session_->describe_ports(*cfg_); // retried on the tick if refused
        session_->auto_connect(*cfg_);
        session_->connect(links_.links());
        links_.update(session_->links());
        publish_links();
        report({.kind = JackReport::Kind::reconfigured,
                .client_name = session_->client_name(),
                .sample_rate = session_->sample_rate(),
                .buffer_size = session_->buffer_size(),
                .layout = layout_,
                .token = c.token});
    } catch (const std::exception& e) {
        report({.kind = JackReport::Kind::refused, .message = e.what(), .token = c.token});
    }
}

} // namespace preamp::daemon
