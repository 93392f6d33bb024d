// The JackLink's thread and its exchanges with the main thread: commands in, reports
// out, readings; what the thread does with a session is in JackLinkSession.cpp.
#include "JackLink.hpp"

#include "Log.hpp"
#include "jack/Client.hpp"
#include "jack/Session.hpp"

#include <algorithm>
#include <bit>
#include <poll.h>
#include <system_error>

namespace preamp::daemon {
namespace {

using namespace std::chrono_literals;

constexpr auto kTick = 250ms;              // DSP load, collecting retired graphs
constexpr auto kStopWait = 3s;             // how long the destructor waits for the thread
constexpr std::size_t kStack = 512 * 1024; // libjack's own threads have as much

} // namespace

JackLink::JackLink(core::TripleBuffer<dsp::EngineParams>& params, core::MeterExchange& meters,
                   core::MidiExchange& midi, const std::vector<jack::Link>& inherited)
    : params_(params), meters_(meters), midi_(midi), backoff_(kFirstRetry) {
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
    reports_fd_.clear();
    std::lock_guard lock(mutex_);
    return std::exchange(reports_, {});
}

void JackLink::configure(core::Config cfg, std::string client_name, dsp::EngineParams params,
                         std::uint64_t token) {
    {
        std::lock_guard lock(mutex_);
        commands_.push_back({false, std::move(cfg), std::move(client_name), params, token});
    }
    wake_.ring();
}

void JackLink::stop() {
    {
        std::lock_guard lock(mutex_);
        commands_.push_back({.stop = true});
    }
    wake_.ring();
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
    reports_fd_.ring();
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
        pollfd p{wake_.fd(), POLLIN, 0};
        ::poll(&p, 1, static_cast<int>(timeout.count()));
        busy_since_ns_.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
        wake_.clear();

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
    reports_fd_.ring();
}

} // namespace preamp::daemon
