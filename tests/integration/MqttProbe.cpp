#include "MqttProbe.hpp"

#include "PollUntil.hpp"

#include <mosquitto.h>
#include <stdexcept>

namespace preamp::test {

using namespace std::chrono_literals;

MqttProbe::MqttProbe(int port) {
    mosquitto_lib_init();
    mosq_ = mosquitto_new(nullptr, true, this);
    if (mosq_ == nullptr) throw std::runtime_error("mosquitto_new failed");
    mosquitto_message_callback_set(mosq_, &MqttProbe::on_message);
    mosquitto_connect_callback_set(mosq_, &MqttProbe::on_connect);
    if (mosquitto_connect(mosq_, "127.0.0.1", port, 30) != MOSQ_ERR_SUCCESS ||
        mosquitto_loop_start(mosq_) != MOSQ_ERR_SUCCESS)
        throw std::runtime_error("the test's MQTT client cannot connect to port " +
                                 std::to_string(port));
    // The subscription is made on CONNACK; its SUBACK is not waited for, but retained
    // messages come only after it, so tests wait for those.
    if (!poll_until(
            [&] {
                std::lock_guard lock(mutex_);
                return subscribed_;
            },
            5s))
        throw std::runtime_error("no CONNACK from the broker on port " + std::to_string(port));
}

MqttProbe::~MqttProbe() {
    mosquitto_disconnect(mosq_);
    mosquitto_loop_stop(mosq_, true);
    mosquitto_destroy(mosq_);
}

void MqttProbe::on_connect(mosquitto* m, void* self, int rc) {
    if (rc != 0) return;
    mosquitto_subscribe(m, nullptr, "#", 1);
    auto* p = static_cast<MqttProbe*>(self);
    std::lock_guard lock(p->mutex_);
    p->subscribed_ = true;
}

void MqttProbe::on_message(mosquitto*, void* self, const mosquitto_message* m) {
    auto* p = static_cast<MqttProbe*>(self);
    std::lock_guard lock(p->mutex_);
    p->messages_.push_back({m->topic, std::string(static_cast<const char*>(m->payload),
                                                  static_cast<std::size_t>(m->payloadlen)),
                            m->retain});
}

void MqttProbe::publish(const std::string& topic, const std::string& payload, bool retain) {
    mosquitto_publish(mosq_, nullptr, topic.c_str(), static_cast<int>(payload.size()),
                      payload.data(), 1, retain);
}

std::vector<MqttProbe::Message> MqttProbe::messages() const {
    std::lock_guard lock(mutex_);
    return messages_;
}

std::optional<std::string> MqttProbe::last(const std::string& topic) const {
    std::lock_guard lock(mutex_);
    for (auto it = messages_.rbegin(); it != messages_.rend(); ++it)
        if (it->topic == topic) return it->payload;
    return std::nullopt;
}

std::size_t MqttProbe::count(const std::string& topic) const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& m : messages_)
        n += m.topic == topic ? 1 : 0;
    return n;
}

bool MqttProbe::wait_for(const std::string& topic, const std::string& part,
                         std::chrono::milliseconds timeout) {
    return poll_until(
        [&] {
            const auto p = last(topic);
            return p && p->find(part) != std::string::npos;
        },
        timeout, 2ms);
}

void MqttProbe::clear() {
    std::lock_guard lock(mutex_);
    messages_.clear();
}

} // namespace preamp::test
