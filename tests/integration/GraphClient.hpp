#pragma once

#include "JackClient.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace preamp::test {

/// What a test asks a JACK server about its graph, through an open client: ports,
/// connections, metadata, rate and period. Ports are named by full name
/// ("system:capture_1"). Main thread only. Probe is one.
class GraphClient {
public:
    /// Connects two ports; connecting an existing connection is no error.
    void connect(const std::string& source, const std::string& destination);
    void disconnect(const std::string& source, const std::string& destination);
    /// Full names of the ports connected to `port`.
    [[nodiscard]] std::vector<std::string> connections(const std::string& port);
    bool wait_for_connection(const std::string& source, const std::string& destination,
                             std::chrono::milliseconds timeout);
    [[nodiscard]] bool port_exists(const std::string& port);
    bool wait_for_port(const std::string& port, std::chrono::milliseconds timeout);
    /// Full names of the ports matching the extended regex `pattern` ("" = all), as
    /// jack_get_ports() gives them; `flags` is a JackPortFlags mask (0 = any).
    [[nodiscard]] std::vector<std::string> ports(const std::string& pattern = "",
                                                 unsigned long flags = 0);

    /// Metadata `key` (e.g. JACK_METADATA_PRETTY_NAME) of port `port`, if set.
    [[nodiscard]] std::optional<std::string> property(const std::string& port, const char* key);
    /// Its type ("" for plain text, or e.g. an XML Schema URI).
    [[nodiscard]] std::optional<std::string> property_type(const std::string& port,
                                                           const char* key);
    void set_property(const std::string& port, const char* key, const std::string& value,
                      const char* type = nullptr);
    /// Removes every property of `port`. libjack 1.9 keeps one metadata store for all
    /// servers of a user, keyed by uuids that every server hands out alike, and only a
    /// clean close removes a client's properties: a killed jackd or client leaves its
    /// ports' properties to whichever port of any server later gets the same uuid.
    void remove_properties(const std::string& port);

    [[nodiscard]] unsigned sample_rate() const;
    [[nodiscard]] unsigned buffer_size() const;

protected:
    GraphClient() = default;
    ~GraphClient() = default;
    GraphClient(const GraphClient&) = delete;
    GraphClient& operator=(const GraphClient&) = delete;

    /// The open client; throws std::logic_error when there is none.
    [[nodiscard]] jack_client_t* client() const;
    [[nodiscard]] jack_port_t* find_port(const std::string& full) const;

    JackClient client_;
};

} // namespace preamp::test
