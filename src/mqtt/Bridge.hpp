#pragma once

#include "Backoff.hpp"
#include "MqttClient.hpp"
#include "PreampLink.hpp"
#include "Publisher.hpp"
#include "Settings.hpp"

#include <chrono>
#include <memory>
#include <poll.h>
#include <string>
#include <string_view>
#include <vector>

namespace preamp::mqtt {

/// preamp-mqtt itself: the MQTT client and the D-Bus link, each reconnected with back-off
/// when it is lost (a broker restart, a bus restart), preampd's properties as it last
/// announced them, and what goes between them: PropertiesChanged → Publisher; a
/// BASE/SETTING/set → Setter, its refusal → BASE/error. Driven by main()'s poll loop
/// (fds(), handle(), deadline(), tick()). Main thread only.
class Bridge {
public:
    using Clock = std::chrono::steady_clock;

    explicit Bridge(Settings settings);
    ~Bridge();
    Bridge(const Bridge&) = delete;
    Bridge& operator=(const Bridge&) = delete;

    /// Appends the descriptors to poll to `fds` (remembering where).
    void fds(std::vector<pollfd>& fds);
    /// After poll(): handles what `fds` says is ready.
    void handle(const std::vector<pollfd>& fds);
    /// The next time tick() has something to do.
    [[nodiscard]] Clock::time_point deadline() const;
    void tick(Clock::time_point now);
    /// A clean end: availability "offline", then disconnect.
    void shutdown();

private:
    void mqtt_connected();
    void mqtt_lost(const std::string& why);
    void message(const std::string& topic, std::string_view payload);
    void set(const std::string& topic, std::string_view setting, std::string_view payload);
    void open_link(Clock::time_point now);
    void link_lost(const std::string& why, Clock::time_point now);
    void owner(bool owned);
    void changed(const PreampLink::Properties& changed, bool invalidated);
    /// Reads every property again (preampd came, or said they changed).
    void refresh();
    void publish_all();
    [[nodiscard]] bool running() const;

    Settings settings_;
    std::string base_;
    MqttClient mqtt_;
    Publisher publisher_;
    Backoff mqtt_backoff_;
    Clock::time_point mqtt_retry_at_ = Clock::time_point::max();
    std::unique_ptr<PreampLink> link_;
    Backoff link_backoff_;
    Clock::time_point link_retry_at_ = Clock::time_point::max();
    Backoff refresh_backoff_;
    Clock::time_point refresh_at_ = Clock::time_point::max();
    Clock::time_point misc_at_{};
    PreampLink::Properties properties_;
    bool known_ = false; ///< properties_ are preampd's as they are now
    int mqtt_index_ = -1;
    int link_index_ = -1;
};

} // namespace preamp::mqtt
