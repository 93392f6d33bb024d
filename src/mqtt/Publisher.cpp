#include "Publisher.hpp"

#include "Discovery.hpp"
#include "StateJson.hpp"
#include "ctl/program/Format.hpp"

namespace preamp::mqtt {

Publisher::Publisher(const Settings& settings, MqttClient& mqtt)
    : settings_(settings), mqtt_(mqtt), base_(settings.base()) {}

void Publisher::reset() {
    online_.clear();
    sent_state_.clear();
    state_waiting_ = false; // Bridge::publish_all() sends it again, if preampd is there
    state_sent_at_ = {};
    announced_once_ = false;
    announced_.clear();
}

void Publisher::availability(bool online) {
    const char* word = online ? "online" : "offline";
    if (online_ == word) return;
    if (mqtt_.publish(base_ + "/availability", word, true)) online_ = word;
}

void Publisher::state(const PreampLink::Properties& properties, Clock::time_point now) {
    state_ = state_json(properties);
    state_waiting_ = state_ != sent_state_;
    tick(now);
}

Publisher::Clock::time_point Publisher::deadline() const noexcept {
    return state_waiting_ && mqtt_.connected() ? state_sent_at_ + kStateInterval
                                               : Clock::time_point::max();
}

void Publisher::tick(Clock::time_point now) {
    if (state_waiting_ && now >= state_sent_at_ + kStateInterval) send_state(now);
}

void Publisher::send_state(Clock::time_point now) {
    if (!mqtt_.publish(base_ + "/state", state_, true)) return;
    sent_state_ = state_;
    state_waiting_ = false;
    state_sent_at_ = now;
}

void Publisher::discovery(const PreampLink::Properties& properties) {
    if (!settings_.discovery || !mqtt_.connected()) return;
    const auto messages = Discovery::messages(settings_, properties);
    for (const auto& [topic, config] : messages) {
        const auto it = announced_.find(topic);
        if (it == announced_.end() || it->second != config) mqtt_.publish(topic, config, true);
    }
    for (const auto& [topic, config] : announced_)
        if (!messages.contains(topic)) mqtt_.publish(topic, "", true);
    for (const auto& topic : seen_)
        if (!messages.contains(topic) && !announced_.contains(topic)) mqtt_.publish(topic, "", true);
    seen_.clear();
    announced_ = messages;
    announced_once_ = true;
}

void Publisher::retained(const std::string& topic, bool empty) {
    if (empty || announced_.contains(topic)) return;
    if (!announced_once_) {
        seen_.insert(topic); // cleared by discovery() unless it announces it again
        return;
    }
    mqtt_.publish(topic, "", true); // a config of an entity this bridge no longer has
}

void Publisher::error(const std::string& topic, const std::string& message) {
    using ctl::format::json_string;
    mqtt_.publish(base_ + "/error",
                  "{\"topic\": " + json_string(topic) + ", \"error\": " + json_string(message) +
                      "}",
                  false);
}

} // namespace preamp::mqtt
