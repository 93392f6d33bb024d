#include "MqttClient.hpp"

#include <mosquitto.h>
#include <mutex>
#include <stdexcept>

namespace preamp::mqtt {
namespace {

void library_init() {
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
}

std::string error_text(int rc) {
    if (rc == MOSQ_ERR_ERRNO) return mosquitto_strerror(rc) + std::string(" (errno)");
    return mosquitto_strerror(rc);
}

void require(int rc, const std::string& what) {
    if (rc != MOSQ_ERR_SUCCESS) throw std::runtime_error(what + ": " + error_text(rc));
}

} // namespace

MqttClient::MqttClient(const Settings& settings, const std::string& will_topic, Handlers handlers)
    : settings_(settings), handlers_(std::move(handlers)) {
    library_init();
    mosq_ = mosquitto_new(settings_.client().c_str(), true, this);
    if (mosq_ == nullptr) throw std::runtime_error("cannot make an MQTT client (out of memory?)");
    mosquitto_int_option(mosq_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    mosquitto_connect_callback_set(mosq_, &MqttClient::on_connect);
    mosquitto_disconnect_callback_set(mosq_, &MqttClient::on_disconnect);
    mosquitto_message_callback_set(mosq_, &MqttClient::on_message);
    static constexpr char kOffline[] = "offline";
    require(mosquitto_will_set(mosq_, will_topic.c_str(), sizeof kOffline - 1, kOffline,
                               settings_.qos, true),
            "cannot set the last will on " + will_topic);
    if (!settings_.username.empty())
        require(mosquitto_username_pw_set(mosq_, settings_.username.c_str(),
                                          settings_.password.empty() ? nullptr
                                                                     : settings_.password.c_str()),
                "cannot set the user name");
    if (!settings_.tls.ca_file.empty()) {
        const auto& t = settings_.tls;
        require(mosquitto_tls_set(mosq_, t.ca_file.c_str(), nullptr,
                                  t.cert_file.empty() ? nullptr : t.cert_file.c_str(),
                                  t.key_file.empty() ? nullptr : t.key_file.c_str(), nullptr),
                "cannot use TLS with ca_file " + t.ca_file +
                    (t.cert_file.empty() ? "" : ", cert_file " + t.cert_file) +
                    (t.key_file.empty() ? "" : ", key_file " + t.key_file));
    }
}

MqttClient::~MqttClient() {
    if (connected_) mosquitto_disconnect(mosq_); // a clean end: the will is not sent
    mosquitto_destroy(mosq_);
}

bool MqttClient::connect(std::string& why) {
    const int rc = started_ ? mosquitto_reconnect_async(mosq_)
                            : mosquitto_connect_async(mosq_, settings_.host.c_str(),
                                                      settings_.port, settings_.keepalive_s);
    if (rc != MOSQ_ERR_SUCCESS) {
        why = error_text(rc);
        // A first connect that failed at once must still be a reconnect next time.
        started_ = started_ || rc == MOSQ_ERR_ERRNO;
        return false;
    }
    started_ = true;
    pending_ = true;
    return true;
}

int MqttClient::socket() const noexcept {
    return mosquitto_socket(mosq_);
}

bool MqttClient::wants_write() const noexcept {
    return mosquitto_want_write(mosq_);
}

void MqttClient::read() {
    check(mosquitto_loop_read(mosq_, 16), "read");
}

void MqttClient::write() {
    check(mosquitto_loop_write(mosq_, 16), "write");
}

void MqttClient::misc() {
    if (socket() >= 0) check(mosquitto_loop_misc(mosq_), "keep-alive");
}

void MqttClient::check(int rc, const char* what) {
    if (rc == MOSQ_ERR_SUCCESS || rc == MOSQ_ERR_NO_CONN) return;
    drop(std::string("connection lost (") + what + ": " + error_text(rc) + ")");
}

void MqttClient::drop(const std::string& why) {
    const bool was = connected_ || pending_;
    connected_ = false;
    pending_ = false;
    mosquitto_disconnect(mosq_); // closes the socket, if libmosquitto has not
    if (was && handlers_.lost) handlers_.lost(why);
}

bool MqttClient::publish(const std::string& topic, std::string_view payload, bool retain) {
    if (!connected_) return false;
    const int rc = mosquitto_publish(mosq_, nullptr, topic.c_str(), static_cast<int>(payload.size()),
                                     payload.data(), settings_.qos, retain);
    return rc == MOSQ_ERR_SUCCESS;
}

void MqttClient::subscribe(const std::string& pattern) {
    mosquitto_subscribe(mosq_, nullptr, pattern.c_str(), settings_.qos);
}

void MqttClient::on_connect(mosquitto*, void* self, int rc) {
    auto* c = static_cast<MqttClient*>(self);
    if (rc != 0) {
        c->drop("the broker refused the connection: " +
                std::string(mosquitto_connack_string(rc)));
        return;
    }
    c->connected_ = true;
    c->pending_ = false;
    if (c->handlers_.connected) c->handlers_.connected();
}

void MqttClient::on_disconnect(mosquitto*, void* self, int rc) {
    auto* c = static_cast<MqttClient*>(self);
    if (!c->connected_ && !c->pending_) return;
    c->connected_ = false;
    c->pending_ = false;
    if (c->handlers_.lost)
        c->handlers_.lost(rc == 0 ? "disconnected" : "connection lost: " + error_text(rc));
}

void MqttClient::on_message(mosquitto*, void* self, const mosquitto_message* m) {
    auto* c = static_cast<MqttClient*>(self);
    if (!c->handlers_.message || m->topic == nullptr) return;
    const std::string_view payload(static_cast<const char*>(m->payload),
                                   m->payload == nullptr ? 0 : static_cast<std::size_t>(m->payloadlen));
    c->handlers_.message(m->topic, payload);
}

} // namespace preamp::mqtt
