#pragma once

#include "Unavailable.hpp"

#include <functional>
#include <jack/jack.h>
#include <string>
#include <vector>

namespace preamp::jack {

/// Owns one jack_client_t: opened in the constructor (never starting a server),
/// deactivated and closed in the destructor. Main thread only, unless noted.
class Client {
public:
    /// `server` empty: JACK_DEFAULT_SERVER or "default". Takes exactly `name`: throws
    /// NameTaken when another client has it, Unavailable when there is no server.
    Client(const std::string& name, const std::string& server);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    [[nodiscard]] jack_client_t* get() const noexcept { return client_; }
    /// Our client name.
    [[nodiscard]] std::string name() const;
    [[nodiscard]] unsigned sample_rate() const noexcept;
    [[nodiscard]] unsigned buffer_size() const noexcept;

    /// Registers an audio port (a MIDI port with `midi`); throws std::runtime_error naming it.
    jack_port_t* register_port(const std::string& short_name, bool output, bool midi = false);
    void unregister_port(jack_port_t* port) noexcept;
    /// Sets a metadata property of `port` (JACK_METADATA_*); false if the server refused.
    bool set_property(jack_port_t* port, const char* key, const std::string& value,
                      const char* type = nullptr) noexcept;

    void activate();
    void deactivate() noexcept;

    /// Full names of the audio (with `midi`: MIDI) ports matching JACK's pattern and flags.
    [[nodiscard]] std::vector<std::string> ports(const char* pattern, unsigned long flags,
                                                 bool midi = false) const;
    /// Full names of the ports `port` is connected to.
    [[nodiscard]] std::vector<std::string> connections(jack_port_t* port) const;
    /// Connects source to destination; true when connected now (or already).
    bool connect(const std::string& source, const std::string& destination) noexcept;
    /// Connects our port `me` (an input when `input`) to what a connect list's entry
    /// names: a full port name, or after '~' every audio (MIDI with `midi`) port of the
    /// other direction whose full name the regular expression matches, but those `ours`.
    void connect_entry(const std::string& me, const std::string& entry, bool input, bool midi,
                       const std::function<bool(const std::string&)>& ours);

private:
    jack_client_t* client_ = nullptr;
    bool active_ = false;
};

} // namespace preamp::jack
