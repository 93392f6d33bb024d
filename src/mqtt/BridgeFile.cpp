#include "BridgeFile.hpp"

#include "config/Document.hpp"
#include "core/InstanceName.hpp"

#include <cmath>

namespace preamp::mqtt {
namespace {

using config::Node;

// A whole number in [lo, hi] at `key` of `group`, if present.
void read_int(const Node& group, const char* key, int& out, int lo, int hi) {
    const auto n = group.member(key);
    if (!n) return;
    const double x = n->number();
    if (x != std::floor(x) || x < lo || x > hi)
        n->fail("must be a whole number from " + std::to_string(lo) + " to " +
                std::to_string(hi) + ", not " + std::to_string(x));
    out = static_cast<int>(x);
}

void read_broker(const Node& broker, Settings& s) {
    broker.expect_group({"host", "port", "client_id", "username", "password", "password_file",
                         "keepalive_s", "tls"});
    config::read(broker, "host", s.host);
    if (s.host.empty()) broker.require("host").fail("empty: name the broker's host");
    read_int(broker, "port", s.port, 1, 65535);
    config::read(broker, "client_id", s.client_id);
    config::read(broker, "username", s.username);
    config::read(broker, "password", s.password);
    config::read(broker, "password_file", s.password_file);
    if (!s.password.empty() && !s.password_file.empty())
        broker.require("password_file").fail("give password or password_file, not both");
    read_int(broker, "keepalive_s", s.keepalive_s, 5, 3600);
    if (const auto tls = broker.member("tls")) {
        tls->expect_group({"ca_file", "cert_file", "key_file"});
        config::read(*tls, "ca_file", s.tls.ca_file);
        config::read(*tls, "cert_file", s.tls.cert_file);
        config::read(*tls, "key_file", s.tls.key_file);
        if (s.tls.cert_file.empty() != s.tls.key_file.empty())
            tls->fail("cert_file and key_file go together");
        if (!s.tls.cert_file.empty() && s.tls.ca_file.empty())
            tls->fail("a client certificate needs ca_file, the broker's CA");
    }
}

// A topic or prefix: not empty, no wildcard, no leading or trailing '/'.
void check_topic(const Node& n, const std::string& topic) {
    if (topic.empty() || topic.find_first_of("+#") != std::string::npos ||
        topic.front() == '/' || topic.back() == '/')
        n.fail("\"" + topic +
               "\" is not a topic prefix (not empty, no + or #, no / at either end)");
}

void read_root(const Node& root, Settings& s) {
    root.expect_group({"broker", "base_topic", "discovery_prefix", "discovery", "qos",
                       "instance", "bus"});
    if (const auto broker = root.member("broker")) read_broker(*broker, s);
    if (const auto n = root.member("base_topic")) {
        s.base_topic = n->string();
        check_topic(*n, s.base_topic);
    }
    if (const auto n = root.member("discovery_prefix")) {
        s.discovery_prefix = n->string();
        check_topic(*n, s.discovery_prefix);
    }
    config::read(root, "discovery", s.discovery);
    read_int(root, "qos", s.qos, 0, 2);
    if (const auto n = root.member("instance")) {
        s.instance = n->string();
        if (!s.instance.empty() && !core::valid_instance_name(s.instance))
            n->fail("\"" + s.instance + "\" is not an instance name (" +
                    core::kInstanceNameRule + ")");
    }
    if (const auto n = root.member("bus")) {
        const std::string bus = n->string();
        if (bus == "system")
            s.bus = ctl::Bus::system;
        else if (bus == "session" || bus == "user")
            s.bus = ctl::Bus::session;
        else if (bus == "any")
            s.bus = ctl::Bus::any;
        else
            n->fail("\"" + bus + "\" is not a bus (system, session or any)");
    }
}

} // namespace

Settings BridgeFile::load(const std::filesystem::path& path, Settings defaults) {
    config::read_document(path, [&](const Node& root, const config::Lines&) {
        read_root(root, defaults);
    });
    return defaults;
}

Settings BridgeFile::parse(const std::string& text, const std::string& name, Settings defaults) {
    config::read_document_text(text, name, [&](const Node& root, const config::Lines&) {
        read_root(root, defaults);
    });
    return defaults;
}

std::vector<std::string> BridgeFile::keys() {
    return {"broker.host",          "broker.port",          "broker.client_id",
            "broker.username",      "broker.password",      "broker.password_file",
            "broker.keepalive_s",   "broker.tls.ca_file",   "broker.tls.cert_file",
            "broker.tls.key_file",  "base_topic",           "discovery_prefix",
            "discovery",            "qos",                  "instance",
            "bus"};
}

} // namespace preamp::mqtt
