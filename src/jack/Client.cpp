#include "Client.hpp"

#include "Messages.hpp"
#include "core/Regex.hpp"

#include <cerrno>
#include <cstdlib>
#include <jack/metadata.h>
#include <string>

namespace preamp::jack {
namespace {

// Ports lists from JACK, freed with jack_free.
std::vector<std::string> take_names(const char** names) {
    std::vector<std::string> out;
    if (names == nullptr) return out;
    for (const char** p = names; *p != nullptr; ++p)
        out.emplace_back(*p);
    jack_free(static_cast<void*>(names));
    return out;
}

// Whether the server refused `name` because a client has it. JACK2 says only
// JackServerError then (not JackNameNotUnique), so ask it again without insisting on the
// name: a client under another name means ours was taken.
bool name_taken(const std::string& name, int options, const char* server) {
    jack_status_t status{};
    jack_client_t* c = jack_client_open(
        name.c_str(), static_cast<jack_options_t>(options & ~JackUseExactName), &status, server);
    if (c == nullptr) return false;
    const bool renamed = name != jack_get_client_name(c);
    jack_client_close(c);
    return renamed;
}

} // namespace

Client::Client(const std::string& name, const std::string& server) {
    forward_messages(false);
    jack_status_t status{};
    int options = JackNoStartServer | JackUseExactName;
    if (!server.empty()) options |= JackServerName;
    const char* server_name = server.empty() ? nullptr : server.c_str();
    client_ =
        jack_client_open(name.c_str(), static_cast<jack_options_t>(options), &status, server_name);
    if (client_ == nullptr) {
        const char* fallback = std::getenv("JACK_DEFAULT_SERVER");
        const std::string which =
            "JACK server \"" +
            (server.empty() ? (fallback && *fallback ? fallback : "default") : server) + "\"";
        if ((status & JackNameNotUnique) ||
            ((status & JackServerError) && name_taken(name, options, server_name)))
            throw NameTaken(which + " already has a client named \"" + name + "\"");
        std::string why = "cannot connect to " + which;
        if (status & JackServerFailed)
            why += ": no server running";
        else if (status & JackServerError)
            why += ": the server refused us";
        throw Unavailable(why);
    }
    forward_messages(true);
}

Client::~Client() {
    deactivate();
    jack_client_close(client_);
}

std::string Client::name() const {
    return jack_get_client_name(client_);
}

unsigned Client::sample_rate() const noexcept {
    return jack_get_sample_rate(client_);
}

unsigned Client::buffer_size() const noexcept {
    return jack_get_buffer_size(client_);
}

jack_port_t* Client::register_port(const std::string& short_name, bool output, bool midi) {
    jack_port_t* p = jack_port_register(client_, short_name.c_str(),
                                        midi ? JACK_DEFAULT_MIDI_TYPE : JACK_DEFAULT_AUDIO_TYPE,
                                        output ? JackPortIsOutput : JackPortIsInput, 0);
    if (p == nullptr) throw std::runtime_error("cannot register JACK port " + short_name);
    return p;
}

void Client::unregister_port(jack_port_t* port) noexcept {
    jack_uuid_t uuid = jack_port_uuid(port);
    jack_remove_properties(client_, uuid);
    jack_port_unregister(client_, port);
}

bool Client::set_property(jack_port_t* port, const char* key, const std::string& value,
                          const char* type) noexcept {
    return jack_set_property(client_, jack_port_uuid(port), key, value.c_str(), type) == 0;
}

void Client::activate() {
    if (jack_activate(client_) != 0) throw Unavailable("cannot activate the JACK client");
    active_ = true;
}

void Client::deactivate() noexcept {
    if (active_) jack_deactivate(client_);
    active_ = false;
}

std::vector<std::string> Client::ports(const char* pattern, unsigned long flags, bool midi) const {
    return take_names(jack_get_ports(
        client_, pattern, midi ? JACK_DEFAULT_MIDI_TYPE : JACK_DEFAULT_AUDIO_TYPE, flags));
}

std::vector<std::string> Client::connections(jack_port_t* port) const {
    return take_names(jack_port_get_all_connections(client_, port));
}

void Client::connect_entry(const std::string& me, const std::string& entry, bool input, bool midi,
                           const std::function<bool(const std::string&)>& ours) {
    if (entry.empty()) return;
    if (entry.front() != '~') {
        input ? connect(entry, me) : connect(me, entry);
        return;
    }
    const std::regex re(entry.substr(1), std::regex::ECMAScript);
    for (const auto& name : ports(nullptr, input ? JackPortIsOutput : JackPortIsInput, midi))
        if (std::regex_match(name, re) && !ours(name))
            input ? connect(name, me) : connect(me, name);
}

bool Client::connect(const std::string& source, const std::string& destination) noexcept {
    const int r = jack_connect(client_, source.c_str(), destination.c_str());
    return r == 0 || r == EEXIST;
}

} // namespace preamp::jack
