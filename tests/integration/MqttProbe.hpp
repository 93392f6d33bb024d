#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct mosquitto;
struct mosquitto_message;

namespace preamp::test {

/// The test's own MQTT client (libmosquitto, its network thread): subscribed to
/// everything ("#"), it keeps each message it receives, and publishes what a test says.
/// Its connection is made by the constructor (waits up to 5 s; throws if none).
class MqttProbe {
public:
    struct Message {
        std::string topic;
        std::string payload;
        bool retained = false;
    };

    explicit MqttProbe(int port);
    ~MqttProbe();
    MqttProbe(const MqttProbe&) = delete;
    MqttProbe& operator=(const MqttProbe&) = delete;

    void publish(const std::string& topic, const std::string& payload, bool retain = false);
    /// Every message so far, in order.
    [[nodiscard]] std::vector<Message> messages() const;
    /// The newest payload on `topic`, if any came.
    [[nodiscard]] std::optional<std::string> last(const std::string& topic) const;
    /// How many messages came on `topic`.
    [[nodiscard]] std::size_t count(const std::string& topic) const;
    /// Waits until the newest payload on `topic` contains `part`.
    bool wait_for(const std::string& topic, const std::string& part,
                  std::chrono::milliseconds timeout);
    void clear();

private:
    static void on_message(mosquitto*, void* self, const mosquitto_message* m);
    static void on_connect(mosquitto*, void* self, int rc);

    mosquitto* mosq_ = nullptr;
    mutable std::mutex mutex_;
    std::vector<Message> messages_;
    bool subscribed_ = false;
};

} // namespace preamp::test
