#include "GraphClient.hpp"

#include "PollUntil.hpp"

#include <algorithm>
#include <cerrno>
#include <jack/metadata.h>
#include <jack/uuid.h>
#include <stdexcept>

namespace preamp::test {
namespace {

/// The strings of a NULL-terminated array from libjack, which is then freed.
std::vector<std::string> take_names(const char** names) {
    std::vector<std::string> out;
    if (names == nullptr) return out;
    for (const char** n = names; *n != nullptr; ++n)
        out.emplace_back(*n);
    jack_free(static_cast<void*>(names));
    return out;
}

} // namespace

jack_client_t* GraphClient::client() const {
    if (!client_)
        throw std::logic_error("the JACK client is closed: its server has gone (reopen() a Probe)");
    return client_.get();
}

void GraphClient::connect(const std::string& source, const std::string& destination) {
    const int rc = jack_connect(client(), source.c_str(), destination.c_str());
    if (rc != 0 && rc != EEXIST)
        throw std::runtime_error("cannot connect " + source + " to " + destination);
}

void GraphClient::disconnect(const std::string& source, const std::string& destination) {
    if (jack_disconnect(client(), source.c_str(), destination.c_str()) != 0)
        throw std::runtime_error("cannot disconnect " + source + " from " + destination);
}

jack_port_t* GraphClient::find_port(const std::string& full) const {
    return jack_port_by_name(client(), full.c_str());
}

std::vector<std::string> GraphClient::connections(const std::string& port) {
    jack_port_t* p = find_port(port);
    if (p == nullptr) throw std::invalid_argument("no port " + port);
    return take_names(jack_port_get_all_connections(client(), p));
}

bool GraphClient::wait_for_connection(const std::string& source, const std::string& destination,
                                      std::chrono::milliseconds timeout) {
    return poll_until(
        [&] {
            jack_port_t* p = find_port(source); // it may come and go meanwhile
            if (p == nullptr) return false;
            const auto c = take_names(jack_port_get_all_connections(client(), p));
            return std::ranges::find(c, destination) != c.end();
        },
        timeout);
}

bool GraphClient::port_exists(const std::string& port) {
    return find_port(port) != nullptr;
}

bool GraphClient::wait_for_port(const std::string& port, std::chrono::milliseconds timeout) {
    return poll_until([&] { return port_exists(port); }, timeout);
}

std::vector<std::string> GraphClient::ports(const std::string& pattern, unsigned long flags) {
    return take_names(
        jack_get_ports(client(), pattern.empty() ? nullptr : pattern.c_str(), nullptr, flags));
}

namespace {

struct Property {
    std::string value;
    std::string type;
};

std::optional<Property> get_property(jack_port_t* port, const char* key) {
    if (port == nullptr) return std::nullopt;
    char* value = nullptr;
    char* type = nullptr;
    if (jack_get_property(jack_port_uuid(port), key, &value, &type) != 0) return std::nullopt;
    Property p{value != nullptr ? value : "", type != nullptr ? type : ""};
    jack_free(value);
    jack_free(type);
    return p;
}

} // namespace

std::optional<std::string> GraphClient::property(const std::string& port, const char* key) {
    auto p = get_property(find_port(port), key);
    if (!p) return std::nullopt;
    return std::move(p->value);
}

std::optional<std::string> GraphClient::property_type(const std::string& port, const char* key) {
    auto p = get_property(find_port(port), key);
    if (!p) return std::nullopt;
    return std::move(p->type);
}

void GraphClient::set_property(const std::string& port, const char* key, const std::string& value,
                               const char* type) {
    jack_port_t* p = find_port(port);
    if (p == nullptr ||
        jack_set_property(client(), jack_port_uuid(p), key, value.c_str(), type) != 0)
        throw std::runtime_error("cannot set " + std::string(key) + " on " + port);
}

void GraphClient::remove_properties(const std::string& port) {
    jack_port_t* p = find_port(port);
    if (p == nullptr || jack_remove_properties(client(), jack_port_uuid(p)) < 0)
        throw std::runtime_error("cannot remove the properties of " + port);
}

unsigned GraphClient::sample_rate() const {
    return jack_get_sample_rate(client());
}

unsigned GraphClient::buffer_size() const {
    return jack_get_buffer_size(client());
}

} // namespace preamp::test
