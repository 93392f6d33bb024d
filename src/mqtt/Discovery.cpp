#include "Discovery.hpp"

#include "ctl/program/Format.hpp"
#include "version.h"

#include <utility>
#include <vector>

namespace preamp::mqtt {
namespace {

using ctl::format::json_number;
using ctl::format::json_string;
using Names = std::vector<sdbus::Struct<std::string, std::string>>;

// The parts every entity of one device shares.
struct Common {
    const Settings& settings;
    std::string base;
    std::string node;
    std::string device;
};

// One entity's config: the shared fields, then `fields` (already JSON: "\"min\": -80.0").
std::pair<std::string, std::string> entity(const Common& c, const std::string& component,
                                           const std::string& object, const std::string& name,
                                           const std::string& value_template,
                                           const std::string& fields) {
    const std::string id = c.node + "_" + object;
    std::string json = "{\"name\": " + json_string(name) + ", \"unique_id\": " + json_string(id) +
                       ", \"object_id\": " + json_string(id) +
                       ", \"availability_topic\": " + json_string(c.base + "/availability") +
                       ", \"state_topic\": " + json_string(c.base + "/state") +
                       ", \"value_template\": " + json_string(value_template) +
                       ", \"qos\": " + std::to_string(c.settings.qos);
    if (component != "sensor")
        json += ", \"command_topic\": " + json_string(c.base + "/" + object + "/set");
    if (!fields.empty()) json += ", " + fields;
    json += ", \"device\": " + c.device + "}";
    return {c.settings.discovery_prefix + "/" + component + "/" + c.node + "/" + object + "/config",
            json};
}

std::pair<double, double> range_of(const PreampLink::Properties& p, const char* property,
                                   std::pair<double, double> fallback) {
    const auto it = p.find(property);
    if (it == p.end() || it->second.peekValueType() != "(dd)") return fallback;
    const auto r = it->second.get<sdbus::Struct<double, double>>();
    return {std::get<0>(r), std::get<1>(r)};
}

std::string number_fields(std::pair<double, double> range, double step, const char* unit) {
    std::string f = "\"min\": " + json_number(range.first) + ", \"max\": " +
                    json_number(range.second) + ", \"step\": " + json_number(step) +
                    ", \"mode\": \"slider\"";
    if (*unit != '\0') f += ", \"unit_of_measurement\": " + json_string(unit);
    return f;
}

std::string switch_fields() {
    return "\"payload_on\": \"on\", \"payload_off\": \"off\", \"state_on\": \"on\", "
           "\"state_off\": \"off\"";
}

std::string options(const PreampLink::Properties& p, bool follow) {
    std::string json = "\"options\": [";
    bool first = true;
    if (follow) {
        json += "\"follow\"";
        first = false;
    }
    if (const auto it = p.find("Sources"); it != p.end() && it->second.peekValueType() == "a(ss)")
        for (const auto& s : it->second.get<Names>()) {
            json += (first ? "" : ", ") + json_string(std::get<0>(s));
            first = false;
        }
    return json + "]";
}

} // namespace

std::map<std::string, std::string> Discovery::messages(const Settings& settings,
                                                       const PreampLink::Properties& p) {
    const std::string node = settings.node_id();
    const std::string name = settings.instance.empty() ? "preampd" : "preampd " + settings.instance;
    const Common c{settings, settings.base(), node,
                   "{\"identifiers\": [" + json_string(node) + "], \"name\": " +
                       json_string(name) +
                       ", \"model\": \"preampd\", \"manufacturer\": \"preampd\", "
                       "\"sw_version\": " +
                       json_string(PREAMPD_VERSION) + "}"};
    double step = 1.0;
    if (const auto it = p.find("VolumeStep"); it != p.end() && it->second.peekValueType() == "d")
        step = it->second.get<double>() > 0 ? it->second.get<double>() : 1.0;

    std::map<std::string, std::string> out;
    const auto add = [&](std::pair<std::string, std::string> m) { out.insert(std::move(m)); };
    add(entity(c, "number", "volume", "Volume", "{{ value_json.volume_db }}",
               number_fields(range_of(p, "VolumeRange", {-80.0, 0.0}), step, "dB")));
    add(entity(c, "number", "bass", "Bass", "{{ value_json.bass_db }}",
               number_fields(range_of(p, "BassRange", {-12.0, 12.0}), 0.5, "dB")));
    add(entity(c, "number", "treble", "Treble", "{{ value_json.treble_db }}",
               number_fields(range_of(p, "TrebleRange", {-12.0, 12.0}), 0.5, "dB")));
    add(entity(c, "number", "balance", "Balance", "{{ value_json.balance }}",
               number_fields({-1.0, 1.0}, 0.05, "")));
    if (const auto bm = p.find("BassManagement");
        bm != p.end() && bm->second.peekValueType() == "b" && bm->second.get<bool>())
        add(entity(c, "number", "sub_level", "Sub level", "{{ value_json.sub_level_db }}",
                   number_fields(range_of(p, "SubLevelRange", {-20.0, 20.0}), 0.5, "dB")));
    add(entity(c, "select", "source", "Source", "{{ value_json.source }}", options(p, false)));
    add(entity(c, "select", "rec_source", "Rec source",
               "{{ value_json.rec_source if value_json.rec_source else 'follow' }}",
               options(p, true)));
    for (const auto& [object, label, key] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"mute", "Mute", "mute"},
             {"loudness", "Loudness", "loudness"},
             {"direct", "Direct", "direct"},
             {"dim", "Dim", "dim"},
             {"mono", "Mono", "mono"},
             {"standby", "Standby", "standby"}})
        add(entity(c, "switch", object, label,
                   "{{ 'on' if value_json." + key + " else 'off' }}", switch_fields()));
    add(entity(c, "sensor", "state", "State", "{{ value_json.state }}", ""));
    add(entity(c, "sensor", "sample_rate", "Sample rate", "{{ value_json.sample_rate_hz }}",
               "\"unit_of_measurement\": \"Hz\", \"device_class\": \"frequency\""));
    return out;
}

std::string Discovery::retained_pattern(const Settings& settings) {
    return settings.discovery_prefix + "/+/" + settings.node_id() + "/+/config";
}

} // namespace preamp::mqtt
