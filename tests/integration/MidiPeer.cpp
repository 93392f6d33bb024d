// MidiPeer: a JACK MIDI controller for the tests.

#include "MidiPeer.hpp"

#include <array>
#include <jack/midiport.h>
#include <stdexcept>

namespace preamp::test {

MidiPeer::MidiPeer(const std::string& server, const std::string& name)
    : client_(open_jack_client(server, name)) {
    if (!client_) throw std::runtime_error("cannot open JACK client " + name + " on " + server);
    name_ = jack_get_client_name(client_.get());
    in_ = jack_port_register(client_.get(), "in", JACK_DEFAULT_MIDI_TYPE, JackPortIsInput, 0);
    out_ = jack_port_register(client_.get(), "out", JACK_DEFAULT_MIDI_TYPE, JackPortIsOutput, 0);
    if (in_ == nullptr || out_ == nullptr) throw std::runtime_error("cannot register MIDI ports");
    jack_set_process_callback(client_.get(), &MidiPeer::on_process, this);
    if (jack_activate(client_.get()) != 0) throw std::runtime_error("cannot activate " + name);
}

MidiPeer::~MidiPeer() {
    jack_deactivate(client_.get());
}

int MidiPeer::on_process(jack_nframes_t frames, void* self) noexcept {
    static_cast<MidiPeer*>(self)->process(frames);
    return 0;
}

void MidiPeer::process(jack_nframes_t frames) noexcept {
    void* in = jack_port_get_buffer(in_, frames);
    const jack_nframes_t n = jack_midi_get_event_count(in);
    for (jack_nframes_t i = 0; i < n; ++i) {
        jack_midi_event_t e;
        if (jack_midi_event_get(&e, in, i) == 0) inbox_.push(e.buffer, e.size);
    }
    void* out = jack_port_get_buffer(out_, frames);
    jack_midi_clear_buffer(out);
    const unsigned limit = per_period_.load(std::memory_order_relaxed);
    unsigned written = 0;
    while (const auto size = outbox_.peek()) {
        if (limit != 0 && written == limit) break;
        // Spread over the period, in order, as a controller's events come.
        const auto at = static_cast<jack_nframes_t>(limit ? written * frames / limit : 0);
        jack_midi_data_t* slot = jack_midi_event_reserve(out, at, *size);
        if (slot == nullptr) break;
        outbox_.pop(slot);
        ++written;
    }
    sent_.fetch_add(written, std::memory_order_relaxed);
}

bool MidiPeer::send(const std::vector<std::uint8_t>& bytes) {
    return outbox_.push(bytes.data(), bytes.size());
}

bool MidiPeer::cc(unsigned channel, unsigned number, unsigned value) {
    return send({static_cast<std::uint8_t>(0xB0 | ((channel - 1) & 0x0F)),
                 static_cast<std::uint8_t>(number & 0x7F),
                 static_cast<std::uint8_t>(value & 0x7F)});
}

std::vector<std::vector<std::uint8_t>> MidiPeer::received() {
    std::vector<std::vector<std::uint8_t>> out;
    std::array<std::uint8_t, core::RecordRing::kMaxRecord> buffer{};
    while (const std::size_t n = inbox_.pop(buffer.data()))
        out.emplace_back(buffer.begin(), buffer.begin() + static_cast<long>(n));
    return out;
}

} // namespace preamp::test
