// midi_ports: the MIDI ports of a session, their metadata and connections.

#include "MidiPorts.hpp"

#include "Client.hpp"

namespace preamp::jack::midi_ports {
namespace {

constexpr const char* kIn = "midi_in";
constexpr const char* kOut = "midi_out";

void connect(Client& client, const std::string& me, const std::vector<std::string>& targets,
             bool input, const std::function<bool(const std::string&)>& ours) {
    for (const std::string& target : targets)
        client.connect_entry(me, target, input, true, ours);
}

} // namespace

std::vector<std::string> names(const core::Config& cfg) {
    if (!cfg.midi.enabled) return {};
    return {kIn, kOut};
}

MidiIo make(Client& client, const core::Config& cfg, const MidiIo& have,
            std::vector<jack_port_t*>& made) {
    MidiIo io;
    io.exchange = have.exchange;
    if (!cfg.midi.enabled) return io;
    io.in = have.in;
    io.out = have.out;
    if (io.in == nullptr) made.push_back(io.in = client.register_port(kIn, false, true));
    if (io.out == nullptr) made.push_back(io.out = client.register_port(kOut, true, true));
    return io;
}

std::vector<jack_port_t*> gone(const MidiIo& old, const MidiIo& now) {
    std::vector<jack_port_t*> out;
    if (old.in != nullptr && old.in != now.in) out.push_back(old.in);
    if (old.out != nullptr && old.out != now.out) out.push_back(old.out);
    return out;
}

std::vector<jack_port_t*> all(const MidiIo& io) {
    std::vector<jack_port_t*> out;
    for (jack_port_t* p : {io.in, io.out})
        if (p != nullptr) out.push_back(p);
    return out;
}

void describe(
    const MidiIo& io,
    const std::function<void(jack_port_t*, const std::string&, const std::string&)>& describe) {
    if (io.in != nullptr) describe(io.in, "MIDI", "In");
    if (io.out != nullptr) describe(io.out, "MIDI", "Out");
}

void auto_connect(Client& client, const core::Config& cfg, const MidiIo& io,
                  const std::function<bool(const std::string&)>& ours) {
    const std::string prefix = client.name() + ":";
    if (io.in != nullptr) connect(client, prefix + kIn, cfg.midi.connect, true, ours);
    if (io.out != nullptr) connect(client, prefix + kOut, cfg.midi.feedback_connect, false, ours);
}

} // namespace preamp::jack::midi_ports
