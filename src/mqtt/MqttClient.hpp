#pragma once

#include "Settings.hpp"

#include <functional>
#include <string>
#include <string_view>

struct mosquitto;
struct mosquitto_message;

namespace preamp::mqtt {

/// preamp-mqtt's MQTT connection: a libmosquitto client driven by the program's own poll
/// loop (socket(), wants_write(), then read(), write(), misc()), never by a thread of its
/// own and never blocking: connect() is mosquitto_connect_async. The last will is
/// BASE/availability "offline", retained. Its handlers run inside read(), write() and
/// misc(), on the main thread.
class MqttClient {
public:
    struct Handlers {
        std::function<void()> connected; ///< CONNACK accepted: subscribe, publish everything
        std::function<void(const std::string& why)> lost; ///< refused, closed or broken
        std::function<void(const std::string& topic, std::string_view payload)> message;
    };

    /// Throws std::runtime_error naming what libmosquitto refused (a TLS file, …).
    MqttClient(const Settings& settings, const std::string& will_topic, Handlers handlers);
    ~MqttClient();
    MqttClient(const MqttClient&) = delete;
    MqttClient& operator=(const MqttClient&) = delete;

    /// Starts connecting (the first time, or again after lost()). False, with `why`, when
    /// it cannot even start (no route, refused at once): lost() is not called then.
    bool connect(std::string& why);
    [[nodiscard]] bool connected() const noexcept { return connected_; }
    /// The socket to poll; -1 while there is none.
    [[nodiscard]] int socket() const noexcept;
    [[nodiscard]] bool wants_write() const noexcept;
    void read();
    void write();
    /// Keep-alive and retries; at least once a second.
    void misc();

    /// Publishes at the configured QoS; false when not connected (nothing is queued then:
    /// everything is published again on the next connection).
    bool publish(const std::string& topic, std::string_view payload, bool retain);
    void subscribe(const std::string& pattern);

private:
    static void on_connect(mosquitto*, void* self, int rc);
    static void on_disconnect(mosquitto*, void* self, int rc);
    static void on_message(mosquitto*, void* self, const mosquitto_message* m);
    /// After a failed loop call: the connection is gone.
    void check(int rc, const char* what);
    void drop(const std::string& why);

    Settings settings_;
    Handlers handlers_;
    mosquitto* mosq_ = nullptr;
    bool connected_ = false;
    bool started_ = false; ///< a first connect was made: the next is a reconnect
    bool pending_ = false; ///< connecting: a failure is lost() too
};

} // namespace preamp::mqtt
