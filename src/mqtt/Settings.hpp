#pragma once

#include "ctl/Globals.hpp"

#include <string>

namespace preamp::mqtt {

/// Everything preamp-mqtt is configured with: its file (mqtt.conf, BridgeFile) and its
/// command line (Options) fill it; the defaults make `preamp-mqtt --broker HOST:PORT`
/// work with no file at all (anonymous, base topic "preampd", discovery on).
struct Settings {
    struct Tls {
        std::string ca_file;   ///< "": no TLS
        std::string cert_file; ///< client certificate (with key_file), optional
        std::string key_file;
    };
    std::string host = "127.0.0.1";
    int port = 1883;
    std::string client_id; ///< "": "preamp-mqtt-HOSTNAME[-INSTANCE]"
    std::string username;  ///< "": anonymous
    std::string password;
    std::string password_file; ///< read at start, its first line (trailing newline cut)
    Tls tls;
    int keepalive_s = 30;
    std::string base_topic; ///< "": "preampd", or "preampd/INSTANCE" for a zone
    std::string discovery_prefix = "homeassistant";
    bool discovery = true;
    int qos = 1;
    std::string instance; ///< the preampd instance ("": the default one)
    ctl::Bus bus = ctl::Bus::any;

    /// base_topic, or its default for `instance`.
    [[nodiscard]] std::string base() const;
    /// client_id, or its default.
    [[nodiscard]] std::string client() const;
    /// Home Assistant's node_id and the device's identifier: "preampd_HOSTNAME[_INSTANCE]"
    /// in [a-zA-Z0-9_-].
    [[nodiscard]] std::string node_id() const;
};

} // namespace preamp::mqtt
