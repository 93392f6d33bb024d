#include "Settings.hpp"

#include <array>
#include <unistd.h>

namespace preamp::mqtt {
namespace {

std::string hostname() {
    std::array<char, 256> buf{};
    if (gethostname(buf.data(), buf.size() - 1) != 0) return "localhost";
    return buf.data();
}

// Only what a topic level and a Home Assistant id may hold.
std::string id_safe(std::string s) {
    for (char& c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            c = '_';
    return s;
}

} // namespace

std::string Settings::base() const {
    if (!base_topic.empty()) return base_topic;
    return instance.empty() ? "preampd" : "preampd/" + instance;
}

std::string Settings::client() const {
    if (!client_id.empty()) return client_id;
    return "preamp-mqtt-" + id_safe(hostname()) + (instance.empty() ? "" : "-" + instance);
}

std::string Settings::node_id() const {
    return id_safe("preampd_" + hostname() + (instance.empty() ? "" : "_" + instance));
}

} // namespace preamp::mqtt
