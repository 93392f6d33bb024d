#include "Probe.hpp"

#include "PollUntil.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace preamp::test {
namespace {

std::size_t ring_frames(unsigned rate) {
    return static_cast<std::size_t>(Probe::kMaxRecordSeconds * rate);
}

} // namespace

std::vector<Probe*>& Probe::registry() {
    static std::vector<Probe*> probes; // main thread only, like the Probes
    return probes;
}

Probe::Probe(std::string server, std::string client_name)
    : server_(std::move(server)), requested_name_(std::move(client_name)) {
    open();
    registry().push_back(this);
}

Probe::~Probe() {
    std::erase(registry(), this);
    client_.reset(); // closing stops the callbacks before the ports go
}

void Probe::close_dead() {
    for (Probe* p : registry())
        if (!p->alive()) p->client_.reset();
}

void Probe::release(const std::string& server) {
    for (Probe* p : registry()) {
        if (p->server_ != server) continue;
        p->alive_ = false;
        p->client_.reset();
    }
}

void Probe::server_gone(const std::string& server) {
    for (Probe* p : registry())
        if (p->server_ == server && p->client_) (void)p->wait_for_shutdown(std::chrono::seconds(2));
    release(server);
}

void Probe::open() {
    close_dead();
    for (const Probe* p : registry())
        if (p != this && p->client_ && p->server_ != server_)
            throw std::logic_error("Probe " + requested_name_ + " on JACK server " + server_ +
                                   ": probe " + p->name_ + " is open on server " + p->server_ +
                                   ", and libjack serves one server per process");
    jack_status_t status{};
    client_ = open_jack_client(server_, requested_name_, &status);
    if (!client_)
        throw std::runtime_error("Probe: cannot open JACK client " + requested_name_ +
                                 " on server " + server_ + " (status 0x" +
                                 std::to_string(static_cast<unsigned>(status)) + ")");
    name_ = jack_get_client_name(client_.get());
    jack_set_process_callback(client_.get(), &Probe::process, this);
    jack_on_shutdown(client_.get(), &Probe::on_shutdown, this);
    for (std::size_t i = 0; i < input_count_.load(); ++i)
        inputs_[i]->port = register_port(inputs_[i]->name, JackPortIsInput);
    for (std::size_t i = 0; i < output_count_.load(); ++i)
        outputs_[i]->port = register_port(outputs_[i]->name, JackPortIsOutput);
    alive_ = true;
    if (jack_activate(client_.get()) != 0)
        throw std::runtime_error("Probe: cannot activate JACK client " + name_);
}

void Probe::reopen() {
    alive_ = false;
    client_.reset();
    open();
}

std::string Probe::full_name(const std::string& short_name) const {
    return name_ + ":" + short_name;
}

jack_port_t* Probe::register_port(const std::string& short_name, unsigned long flags) {
    jack_port_t* port =
        jack_port_register(client(), short_name.c_str(), JACK_DEFAULT_AUDIO_TYPE, flags, 0);
    if (port == nullptr)
        throw std::runtime_error("Probe: cannot register port " + full_name(short_name));
    return port;
}

std::string Probe::add_input(const std::string& short_name) {
    const std::size_t n = input_count_.load();
    if (n == kMaxPorts) throw std::length_error("Probe: too many inputs");
    auto in = std::make_unique<Input>(short_name, ring_frames(sample_rate()));
    in->port = register_port(short_name, JackPortIsInput);
    inputs_[n] = std::move(in);
    input_count_.store(n + 1); // publishes the slot to the RT thread
    return full_name(short_name);
}

std::string Probe::add_output(const std::string& short_name) {
    const std::size_t n = output_count_.load();
    if (n == kMaxPorts) throw std::length_error("Probe: too many outputs");
    auto out = std::make_unique<Output>(short_name);
    out->port = register_port(short_name, JackPortIsOutput);
    outputs_[n] = std::move(out);
    output_count_.store(n + 1); // publishes the slot to the RT thread
    return full_name(short_name);
}

Probe::Input& Probe::input(const std::string& short_name) {
    for (std::size_t i = 0; i < input_count_.load(); ++i)
        if (inputs_[i]->name == short_name) return *inputs_[i];
    throw std::invalid_argument("Probe: no input port " + full_name(short_name));
}

Probe::Output& Probe::output(const std::string& short_name) {
    for (std::size_t i = 0; i < output_count_.load(); ++i)
        if (outputs_[i]->name == short_name) return *outputs_[i];
    throw std::invalid_argument("Probe: no output port " + full_name(short_name));
}

void Probe::play(const std::string& port, Waveform wave) {
    output(port).slot.publish(std::move(wave), periods());
}

void Probe::play(const std::string& port, Sine sine) {
    play(port, sine_wave(sine, sample_rate()));
}

void Probe::silence(const std::string& port) {
    play(port, Waveform{});
}

void Probe::drain_inputs() {
    for (std::size_t i = 0; i < input_count_.load(); ++i)
        inputs_[i]->ring.drain_into(inputs_[i]->samples);
}

void Probe::start_recording() {
    const std::uint64_t period = periods();
    // A period still recording for an earlier start must not add to the new recording.
    if (recording_.exchange(false) && alive())
        (void)wait_for_periods(period + 1, std::chrono::seconds(1));
    for (std::size_t i = 0; i < input_count_.load(); ++i) {
        inputs_[i]->ring.discard();
        inputs_[i]->samples.clear();
    }
    recording_ = true;
}

void Probe::stop_recording() {
    const std::uint64_t period = periods();
    recording_ = false;
    // Let a period that saw the flag still on finish, so samples() is final from now on.
    if (alive()) (void)wait_for_periods(period + 1, std::chrono::seconds(1));
    drain_inputs();
}

std::vector<float> Probe::samples(const std::string& port) {
    Input& in = input(port);
    in.ring.drain_into(in.samples);
    return in.samples;
}

void Probe::record(double seconds) {
    const auto frames = static_cast<std::size_t>(seconds * sample_rate() + 0.5);
    if (input_count_.load() == 0) throw std::logic_error("Probe::record: no input ports");
    start_recording();
    const auto enough = [&] {
        drain_inputs();
        return std::ranges::all_of(inputs_.begin(), inputs_.begin() + input_count_.load(),
                                   [&](const auto& in) { return in->samples.size() >= frames; });
    };
    const auto timeout = std::chrono::milliseconds(static_cast<long>(seconds * 1000.0) + 5000);
    const bool done =
        poll_until([&] { return !alive() || enough(); }, timeout, std::chrono::milliseconds(5)) &&
        alive();
    stop_recording();
    if (!done) throw std::runtime_error("Probe::record: the JACK server stopped running the probe");
    for (std::size_t i = 0; i < input_count_.load(); ++i)
        inputs_[i]->samples.resize(frames);
}

std::vector<float> Probe::capture(const std::string& port, double seconds) {
    const Input& in = input(port); // fail before waiting
    record(seconds);
    return in.samples;
}

bool Probe::wait_for_periods(std::uint64_t count, std::chrono::milliseconds timeout) {
    return poll_until([&] { return periods() >= count; }, timeout, std::chrono::milliseconds(1));
}

bool Probe::wait_for_shutdown(std::chrono::milliseconds timeout) {
    return poll_until([&] { return !alive(); }, timeout);
}

int Probe::process(jack_nframes_t frames, void* self) noexcept {
    static_cast<Probe*>(self)->process(frames);
    return 0;
}

void Probe::on_shutdown(void* self) noexcept {
    static_cast<Probe*>(self)->alive_ = false;
}

void Probe::process(jack_nframes_t frames) noexcept {
    const bool recording = recording_.load();
    const std::size_t inputs = input_count_.load();
    for (std::size_t i = 0; i < inputs; ++i) {
        Input& in = *inputs_[i];
        const auto* buffer = static_cast<const float*>(jack_port_get_buffer(in.port, frames));
        if (recording && !in.ring.write(buffer, frames)) overruns_.fetch_add(1);
    }
    const std::size_t outputs = output_count_.load();
    for (std::size_t i = 0; i < outputs; ++i) {
        Output& out = *outputs_[i];
        out.slot.render(static_cast<float*>(jack_port_get_buffer(out.port, frames)), frames);
    }
    periods_.fetch_add(1);
}

} // namespace preamp::test
