#pragma once

#include "MqttClient.hpp"
#include "PreampLink.hpp"
#include "Settings.hpp"

#include <chrono>
#include <map>
#include <set>
#include <string>

namespace preamp::mqtt {

/// What preamp-mqtt publishes, and when: BASE/availability when it changes, BASE/state
/// coalesced (at most one per kStateInterval, the last value always published),
/// discovery when what it announces changes (a removed entity cleared with an empty
/// retained config), BASE/error. After each new connection everything is published again.
class Publisher {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::milliseconds kStateInterval{200};

    Publisher(const Settings& settings, MqttClient& mqtt);

    /// A new connection: forget what was published, so that it all goes out again.
    void reset();
    void availability(bool online);
    /// The state changed to `properties`: published now, or at deadline() if one went out
    /// less than kStateInterval ago.
    void state(const PreampLink::Properties& properties, Clock::time_point now);
    /// When the coalesced state is due (time_point::max() if none is waiting).
    [[nodiscard]] Clock::time_point deadline() const noexcept;
    /// Publishes the state that waited, if it is due.
    void tick(Clock::time_point now);
    /// Announces the entities for `properties`; clears those announced before, or found
    /// retained under this node id, that are not among them.
    void discovery(const PreampLink::Properties& properties);
    /// A retained discovery config under this node id, seen on the broker.
    void retained(const std::string& topic, bool empty);
    /// BASE/error: {"topic": TOPIC, "error": MESSAGE}.
    void error(const std::string& topic, const std::string& message);

private:
    void send_state(Clock::time_point now);

    const Settings& settings_;
    MqttClient& mqtt_;
    std::string base_;
    std::string online_;     ///< what availability last said ("" after reset)
    std::string state_;      ///< the state to publish
    std::string sent_state_; ///< what went out last
    bool state_waiting_ = false;
    Clock::time_point state_sent_at_{};
    bool announced_once_ = false;
    std::map<std::string, std::string> announced_;
    std::set<std::string> seen_; ///< retained configs of this node id on the broker
};

} // namespace preamp::mqtt
