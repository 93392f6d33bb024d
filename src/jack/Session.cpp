// The Session: one JACK client's life: its ports registered, the graph the process
// callback runs (and the one replacing it), JACK's callbacks turned into events.
#include "Session.hpp"

#include "Client.hpp"
#include "Graph.hpp"
#include "MidiPorts.hpp"
#include "PortNames.hpp"
#include "Uncancellable.hpp"

#include <algorithm>

namespace preamp::jack {

// JACK's callbacks, on its notification thread: they only count and post events, with
// cancellation held off (Uncancellable.hpp).
struct Callbacks {
    static Session& s(void* self) { return *static_cast<Session*>(self); }
    static void gone(Session& session) noexcept {
        session.server_gone_.store(true, std::memory_order_relaxed);
        session.post(Event::shutdown);
    }
    // JACK2 calls the first; PipeWire's libjack calls the second.
    static void info_shutdown(jack_status_t, const char*, void* self) {
        uncancellable([&]() noexcept { gone(s(self)); });
    }
    static void shutdown(void* self) {
        uncancellable([&]() noexcept { gone(s(self)); });
    }
    static int xrun(void* self) {
        return uncancellable([&]() noexcept {
            s(self).stats_.count_xrun();
            s(self).post(Event::xrun);
            return 0;
        });
    }
    static void registration(jack_port_id_t, int, void* self) {
        uncancellable([&]() noexcept { s(self).post(Event::ports_changed); });
    }
    static void connection(jack_port_id_t, jack_port_id_t, int, void* self) {
        uncancellable([&]() noexcept { s(self).post(Event::connections_changed); });
    }
    static int format(jack_nframes_t, void* self) {
        return uncancellable([&]() noexcept {
            s(self).post(Event::format_changed);
            return 0;
        });
    }
};

Session::Session(const core::Config& cfg, const std::string& client_name,
                 core::TripleBuffer<dsp::EngineParams>& params, core::MeterExchange& meters,
                 core::MidiExchange& midi, CallbackStats& stats, const core::EventFd& wake,
                 std::uint32_t layout)
    : wake_(wake), params_(params), meters_(meters), stats_(stats),
      client_(std::make_unique<Client>(client_name, cfg.jack.server)) {
    const auto channels = static_cast<unsigned>(cfg.jack.channels.size());
    live_ = std::make_unique<Graph>(static_cast<unsigned>(cfg.inputs.size()), channels,
                                    client_->sample_rate(), cfg.output_layout(), params, meters,
                                    stats_, layout);
    std::vector<jack_port_t*> made;
    try {
        rec_names_ = port_names::rec(cfg);
        pre_names_ = port_names::pre(cfg);
        live_->in = ports(port_names::inputs(cfg), false, {}, {}, made);
        live_->rec = ports(rec_names_, true, {}, {}, made);
        live_->pre = ports(pre_names_, true, {}, {}, made);
        live_->sub = ports(port_names::sub(cfg), true, {}, {}, made);
        live_->speakers = ports(port_names::speakers(cfg), true, {}, {}, made);
        live_->midi = midi_ports::make(*client_, cfg, {nullptr, nullptr, &midi}, made);
        midi_names_ = midi_ports::names(cfg);
        in_names_ = port_names::inputs(cfg);
        sub_names_ = port_names::sub(cfg);
        speaker_names_ = port_names::speakers(cfg);
        describe_ports(cfg);
    } catch (...) {
        unregister(made);
        throw;
    }
    swap_.emplace(live_.get());

    jack_client_t* c = client_->get();
    jack_set_process_callback(c, &Session::on_process, this);
    jack_on_info_shutdown(c, &Callbacks::info_shutdown, this);
    jack_on_shutdown(c, &Callbacks::shutdown, this);
    jack_set_xrun_callback(c, &Callbacks::xrun, this);
    jack_set_port_registration_callback(c, &Callbacks::registration, this);
    jack_set_port_connect_callback(c, &Callbacks::connection, this);
    jack_set_sample_rate_callback(c, &Callbacks::format, this);
    jack_set_buffer_size_callback(c, &Callbacks::format, this);
}

Session::~Session() {
    client_->deactivate();
    if (!server_gone_.load(std::memory_order_relaxed)) {
        unregister(doomed_);
        unregister(live_->in);
        unregister(live_->rec);
        unregister(live_->pre);
        unregister(live_->sub);
        unregister(live_->speakers);
        unregister(midi_ports::all(live_->midi));
    }
    client_.reset(); // closes the client before the graphs it called go
}

void Session::unregister(const std::vector<jack_port_t*>& ports) noexcept {
    for (jack_port_t* p : ports)
        client_->unregister_port(p);
}

std::vector<jack_port_t*> Session::ports(const std::vector<std::string>& names, bool output,
                                         const std::vector<std::string>& have_names,
                                         const std::vector<jack_port_t*>& have,
                                         std::vector<jack_port_t*>& made) const {
    std::vector<jack_port_t*> out;
    for (const auto& name : names) {
        const auto it = std::find(have_names.begin(), have_names.end(), name);
        if (it != have_names.end()) {
            out.push_back(have[static_cast<std::size_t>(it - have_names.begin())]);
        } else {
            made.push_back(client_->register_port(name, output));
            out.push_back(made.back());
        }
    }
    return out;
}

void Session::doom(const std::vector<std::string>& old_names, const std::vector<jack_port_t*>& old,
                   const std::vector<std::string>& names) {
    for (std::size_t i = 0; i < old_names.size(); ++i)
        if (std::find(names.begin(), names.end(), old_names[i]) == names.end())
            doomed_.push_back(old[i]);
}

bool Session::reconfigure(const core::Config& cfg, const dsp::EngineParams& params) {
    collect();
    if (old_) return false;
    auto next = std::make_unique<Graph>(
        static_cast<unsigned>(cfg.inputs.size()), static_cast<unsigned>(cfg.jack.channels.size()),
        client_->sample_rate(), cfg.output_layout(), params_, meters_, stats_, params.layout);
    std::vector<std::string> in = port_names::inputs(cfg), sub = port_names::sub(cfg),
                             speakers = port_names::speakers(cfg);
    std::vector<jack_port_t*> made;
    try {
        next->in = ports(in, false, in_names_, live_->in, made);
        next->sub = ports(sub, true, sub_names_, live_->sub, made);
        next->speakers = ports(speakers, true, speaker_names_, live_->speakers, made);
        next->midi = midi_ports::make(*client_, cfg, live_->midi, made);
    } catch (...) {
        unregister(made); // all made, or none: the running graph plays on
        throw;
    }
    // Commit: nothing below can fail. The ports only the old graph uses go once it is
    // retired (collect()).
    doom(in_names_, live_->in, in);
    doom(sub_names_, live_->sub, sub);
    doom(speaker_names_, live_->speakers, speakers);
    for (jack_port_t* p : midi_ports::gone(live_->midi, next->midi))
        doomed_.push_back(p);
    midi_names_ = midi_ports::names(cfg);
    in_names_ = std::move(in);
    sub_names_ = std::move(sub);
    speaker_names_ = std::move(speakers);
    next->rec = live_->rec;
    next->pre = live_->pre;
    next->snap(params);
    old_ = std::move(live_);
    live_ = std::move(next);
    swap_->offer(live_.get());
    describe_ports(cfg);
    return true;
}

void Session::collect() {
    if (!old_ || !swap_->retired(old_.get())) return;
    unregister(doomed_);
    doomed_.clear();
    old_.reset();
}

int Session::on_process(std::uint32_t frames, void* self) {
    return uncancellable([&]() noexcept { return static_cast<Session*>(self)->process(frames); });
}

int Session::process(std::uint32_t frames) noexcept {
    return swap_->take().process(frames);
}

void Session::post(unsigned events) noexcept {
    events_.fetch_or(events, std::memory_order_acq_rel);
    wake_.ring();
}

void Session::activate() {
    client_->activate();
}

std::string Session::client_name() const {
    return client_->name();
}

unsigned Session::sample_rate() const noexcept {
    return client_->sample_rate();
}

unsigned Session::buffer_size() const noexcept {
    return client_->buffer_size();
}

double Session::dsp_load() const noexcept {
    return static_cast<double>(jack_cpu_load(client_->get()));
}

unsigned Session::take_events() noexcept {
    return events_.exchange(0, std::memory_order_acq_rel);
}

} // namespace preamp::jack
