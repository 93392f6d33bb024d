// The JackLink's session, on its thread: opened when a server is there (with a growing
// retry period while none is), followed (its events, a stall, the server going), and
// reconfigured prepared-then-committed, a failure leaving the running one as it was.
#include "JackLink.hpp"
#include "Log.hpp"
#include "jack/Client.hpp"
#include "jack/Session.hpp"

namespace preamp::daemon {
namespace {

using namespace std::chrono_literals;

constexpr auto kMaxRetry = 2000ms; // JACK back: ports back within 3 s
constexpr auto kStall = 5s;        // no period for this long: is the server still there?

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

void JackLink::open() {
    try {
        const std::uint32_t layout = ++layouts_;
        auto s = std::make_unique<jack::Session>(*cfg_, client_name_, params_, meters_, midi_,
                                                 stats_, wake_, layout);
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
                                                         midi_, stats_, wake_, layout);
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
