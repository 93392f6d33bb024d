#include "Bridge.hpp"

#include "Discovery.hpp"
#include "Payload.hpp"
#include "Setter.hpp"
#include "ctl/UsageError.hpp"

#include <cstdio>

namespace preamp::mqtt {
namespace {

void log(const std::string& line) {
    std::fprintf(stderr, "preamp-mqtt: %s\n", line.c_str());
}

// Properties whose change changes what discovery announces.
bool announced(const std::string& property) {
    return property == "Sources" || property == "VolumeRange" || property == "VolumeStep" ||
           property == "BassRange" || property == "TrebleRange" ||
           property == "BassManagement" || property == "SubLevelRange";
}

} // namespace

Bridge::Bridge(Settings settings)
    : settings_(std::move(settings)), base_(settings_.base()),
      mqtt_(settings_, base_ + "/availability",
            {[this] { mqtt_connected(); }, [this](const std::string& why) { mqtt_lost(why); },
             [this](const std::string& t, std::string_view p) { message(t, p); }}),
      publisher_(settings_, mqtt_) {
    const auto now = Clock::now();
    mqtt_retry_at_ = now;
    open_link(now);
}

Bridge::~Bridge() = default;

void Bridge::fds(std::vector<pollfd>& fds) {
    mqtt_index_ = link_index_ = -1;
    if (const int s = mqtt_.socket(); s >= 0) {
        mqtt_index_ = static_cast<int>(fds.size());
        fds.push_back({s, static_cast<short>(POLLIN | (mqtt_.wants_write() ? POLLOUT : 0)), 0});
    }
    if (link_) {
        try {
            const short events = link_->events();
            link_index_ = static_cast<int>(fds.size());
            fds.push_back({link_->fd(), events, 0});
        } catch (const PreampLink::Lost& e) {
            link_lost(e.what(), Clock::now());
        }
    }
}

void Bridge::handle(const std::vector<pollfd>& fds) {
    if (mqtt_index_ >= 0) {
        const short r = fds[static_cast<std::size_t>(mqtt_index_)].revents;
        if (r & (POLLIN | POLLERR | POLLHUP)) mqtt_.read();
        if ((r & POLLOUT) && mqtt_.socket() >= 0) mqtt_.write();
    }
    if (link_index_ >= 0 && link_ && fds[static_cast<std::size_t>(link_index_)].revents != 0) {
        try {
            link_->process();
        } catch (const PreampLink::Lost& e) {
            link_lost(e.what(), Clock::now());
        }
    }
}

Bridge::Clock::time_point Bridge::deadline() const {
    auto d = std::min({mqtt_retry_at_, link_retry_at_, refresh_at_, misc_at_,
                       publisher_.deadline()});
    if (link_) {
        try {
            d = std::min(d, link_->deadline());
        } catch (const PreampLink::Lost&) {
            return Clock::now(); // tick() will find it lost
        }
    }
    return d;
}

void Bridge::tick(Clock::time_point now) {
    if (now >= misc_at_) {
        mqtt_.misc();
        misc_at_ = now + std::chrono::seconds(1);
    }
    if (now >= mqtt_retry_at_) {
        mqtt_retry_at_ = Clock::time_point::max();
        std::string why;
        if (!mqtt_.connect(why)) {
            const auto wait = mqtt_backoff_.next();
            log("cannot connect to " + settings_.host + ":" + std::to_string(settings_.port) +
                ": " + why + "; again in " + std::to_string(wait.count()) + " ms");
            mqtt_retry_at_ = now + wait;
        }
    }
    if (now >= link_retry_at_) open_link(now);
    if (now >= refresh_at_) refresh();
    if (link_) {
        try {
            if (now >= link_->deadline()) link_->process();
        } catch (const PreampLink::Lost& e) {
            link_lost(e.what(), now);
        }
    }
    publisher_.tick(now);
}

void Bridge::shutdown() {
    publisher_.availability(false);
    for (int i = 0; i < 10 && mqtt_.socket() >= 0 && mqtt_.wants_write(); ++i) {
        pollfd p{mqtt_.socket(), POLLOUT, 0};
        if (poll(&p, 1, 100) <= 0) break;
        mqtt_.write();
    }
}

void Bridge::mqtt_connected() {
    log("connected to the broker at " + settings_.host + ":" + std::to_string(settings_.port) +
        " as " + settings_.client() + ", topics under " + base_);
    mqtt_backoff_.reset();
    publisher_.reset();
    mqtt_.subscribe(base_ + "/+/set");
    if (settings_.discovery) mqtt_.subscribe(Discovery::retained_pattern(settings_));
    publish_all();
}

void Bridge::mqtt_lost(const std::string& why) {
    const auto wait = mqtt_backoff_.next();
    log("broker: " + why + "; reconnecting in " + std::to_string(wait.count()) + " ms");
    mqtt_retry_at_ = Clock::now() + wait;
}

void Bridge::message(const std::string& topic, std::string_view payload) {
    if (topic.ends_with("/config") && topic.starts_with(settings_.discovery_prefix + "/")) {
        publisher_.retained(topic, payload.empty());
        return;
    }
    const std::string prefix = base_ + "/";
    if (topic.starts_with(prefix) && topic.ends_with("/set") &&
        topic.size() > prefix.size() + 4) {
        const std::string_view setting =
            std::string_view(topic).substr(prefix.size(), topic.size() - prefix.size() - 4);
        set(topic, setting, payload);
        return;
    }
    publisher_.error(topic, "not a topic of preamp-mqtt (" + base_ + "/SETTING/set)");
}

void Bridge::set(const std::string& topic, std::string_view setting, std::string_view payload) {
    std::string refusal;
    try {
        const std::string text = payload_text(payload);
        if (!link_ || !known_)
            throw ctl::UsageError("preampd is not reachable: " + std::string(setting) +
                                  " not set to " + excerpt(text));
        Setter(*link_, properties_).apply(setting, text);
        return;
    } catch (const ctl::UsageError& e) {
        refusal = e.what();
    } catch (const sdbus::Error& e) {
        refusal = e.getMessage();
        if (e.getName() == "org.freedesktop.DBus.Error.NoReply" ||
            e.getName() == "org.freedesktop.DBus.Error.Timeout") {
            // A preampd that does not answer: refuse at once until it reads again, so that
            // a queue of sets cannot hold the loop (and the broker's keep-alive) for long.
            known_ = false;
            publisher_.availability(false);
            refresh_at_ = Clock::now() + refresh_backoff_.next();
            refusal = "preampd does not answer: " + refusal;
        }
    }
    log(topic + ": " + refusal);
    publisher_.error(topic, refusal);
}

void Bridge::open_link(Clock::time_point now) {
    link_retry_at_ = Clock::time_point::max();
    try {
        link_ = std::make_unique<PreampLink>(
            settings_.bus, settings_.instance,
            PreampLink::Handlers{
                [this](const PreampLink::Properties& c, bool inv) { changed(c, inv); },
                [this](bool owned) { owner(owned); }});
        link_backoff_.reset();
        log("following " + link_->name() + " on the " + link_->bus() + " bus");
        owner(link_->owned());
    } catch (const std::exception& e) {
        link_lost(e.what(), now);
    }
}

void Bridge::link_lost(const std::string& why, Clock::time_point now) {
    link_.reset();
    known_ = false;
    refresh_at_ = Clock::time_point::max();
    const auto wait = link_backoff_.next();
    log("D-Bus: " + why + "; again in " + std::to_string(wait.count()) + " ms");
    link_retry_at_ = now + wait;
    publisher_.availability(false);
}

void Bridge::owner(bool owned) {
    if (owned) {
        log("preampd is on the bus");
        refresh_backoff_.reset();
        refresh();
        return;
    }
    log("preampd left the bus");
    known_ = false;
    refresh_at_ = Clock::time_point::max();
    publisher_.availability(false);
}

void Bridge::changed(const PreampLink::Properties& changed, bool invalidated) {
    if (!known_ || invalidated) return refresh();
    bool rediscover = false;
    for (const auto& [property, value] : changed) {
        properties_[property] = value;
        rediscover = rediscover || announced(property);
    }
    if (rediscover) publisher_.discovery(properties_);
    publisher_.availability(running());
    publisher_.state(properties_, Clock::now());
}

void Bridge::refresh() {
    refresh_at_ = Clock::time_point::max();
    if (!link_) return;
    try {
        properties_ = link_->get_all();
        known_ = true;
        refresh_backoff_.reset();
        publish_all();
    } catch (const sdbus::Error& e) {
        known_ = false;
        publisher_.availability(false);
        const auto wait = refresh_backoff_.next();
        log("cannot read preampd's properties: " + e.getMessage() + "; again in " +
            std::to_string(wait.count()) + " ms");
        refresh_at_ = Clock::now() + wait;
    }
}

void Bridge::publish_all() {
    if (!mqtt_.connected()) return;
    // The entities as preampd last had them, even while it is gone (a broker that lost its
    // retained messages meanwhile would have Home Assistant forget them); not its state.
    if (!properties_.empty()) publisher_.discovery(properties_);
    if (!known_) return publisher_.availability(false);
    publisher_.state(properties_, Clock::now());
    publisher_.availability(running());
}

bool Bridge::running() const {
    if (!known_) return false;
    const auto it = properties_.find("State");
    return it != properties_.end() && it->second.peekValueType() == "s" &&
           it->second.get<std::string>() == "running";
}

} // namespace preamp::mqtt
