// input_schema: reads the `input` group (Linux input devices) of preampd.conf.

#include "InputSchema.hpp"

#include "EventCodes.hpp"
#include "MappingFields.hpp"
#include "Node.hpp"
#include "core/FormatNumber.hpp"
#include "core/Regex.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace preamp::config::input_schema {

std::initializer_list<std::string_view> input_keys() {
    static const std::initializer_list<std::string_view> keys{
        "enabled", "devices", "grab", "repeat_delay_ms", "repeat_interval_ms", "accelerate", "map"};
    return keys;
}

std::initializer_list<std::string_view> map_keys() {
    static const std::initializer_list<std::string_view> keys{"key", "rel", "action", "source",
                                                              "step_db"};
    return keys;
}

namespace {

using M = core::InputMapping;
using A = M::Action;

constexpr std::array<std::pair<const char*, A>, 11> kActions{{
    {"volume_up", A::volume_up},
    {"volume_down", A::volume_down},
    {"volume", A::volume},
    {"mute", A::mute},
    {"dim", A::dim},
    {"mono", A::mono},
    {"direct", A::direct},
    {"loudness", A::loudness},
    {"standby", A::standby},
    {"source", A::source},
    {"none", A::none},
}};

std::string quoted_list(std::initializer_list<const char*> names) {
    std::string s;
    for (const char* n : names)
        s += (s.empty() ? "\"" : ", \"") + std::string(n) + "\"";
    return s;
}

A action(const Node& n, bool rel) {
    const std::string s = n.string();
    for (const auto& [name, value] : kActions)
        if (s == name) {
            if (rel && value != A::volume && value != A::none)
                n.fail("\"" + s + "\" is not allowed for a rel axis: use \"volume\" or \"none\"");
            if (!rel && value == A::volume)
                n.fail("\"volume\" is for a rel axis (REL_*): a key has \"volume_up\" or "
                       "\"volume_down\"");
            return value;
        }
    n.fail("\"" + s + "\" is not allowed: use one of " +
           quoted_list({"volume_up", "volume_down", "volume", "mute", "dim", "mono", "direct",
                        "loudness", "standby", "source", "none"}));
}

// The code of `key` (KEY_* or BTN_*) or `rel` (REL_*): exactly one of them.
void read_code(const Node& el, M& m) {
    const auto key = el.member("key");
    const auto rel = el.member("rel");
    if (!key == !rel)
        el.fail(key ? "gives both key and rel: one per mapping"
                    : "says nothing to listen to: give key (\"KEY_VOLUMEUP\") or rel "
                      "(\"REL_DIAL\")");
    const Node& n = key ? *key : *rel;
    const std::string name = n.string();
    const auto code = event_codes::find(name);
    const unsigned want = key ? M::kKey : M::kRel;
    if (!code || code->type != want)
        n.fail("\"" + name + "\" is not allowed: " +
               (key ? "a KEY_* or BTN_* name of linux/input-event-codes.h (\"KEY_VOLUMEUP\", "
                      "\"KEY_1\", \"BTN_LEFT\")"
                    : "a REL_* name of linux/input-event-codes.h (\"REL_DIAL\", \"REL_WHEEL\", "
                      "\"REL_X\")"));
    m.type = want;
    m.code = code->number;
}

M read_mapping(const Node& el, const std::vector<core::InputConfig>& inputs) {
    el.expect_group(map_keys());
    M m;
    read_code(el, m);
    m.action = action(el.require("action"), m.type == M::kRel);
    if (const auto n = el.member("step_db")) {
        if (m.action != A::volume_up && m.action != A::volume_down && m.action != A::volume)
            n->fail("only a volume mapping (volume_up, volume_down, volume) has a step_db");
        m.step_db = read_step_db(*n);
    }
    const auto source = el.member("source");
    if (m.action == A::source) {
        m.source = read_source(el.require("source"), inputs);
    } else if (source) {
        source->fail("only a mapping with action = \"source\" has a source");
    }
    return m;
}

std::vector<std::string> read_devices(const Node& list) {
    std::vector<std::string> out;
    for (const Node& n : list.elements()) {
        std::string entry = n.string();
        if (entry.size() > 1 && entry.front() == '~') {
            try {
                const std::regex compiled(entry.substr(1), std::regex::ECMAScript);
            } catch (const std::regex_error& e) {
                n.fail("\"" + entry + "\" is not a valid regular expression: " + e.what());
            }
        } else if (entry.empty() || entry.front() != '/') {
            n.fail("\"" + entry +
                   "\" is not allowed: give a device's absolute path "
                   "(\"/dev/input/by-id/...\") or '~' and a regular expression on its name");
        }
        out.push_back(std::move(entry));
    }
    return out;
}

double milliseconds(const Node& group, const char* key, double value, double lo, double hi) {
    if (const auto n = group.member(key)) {
        value = n->number();
        if (!(value >= lo && value <= hi))
            n->fail(core::format_number(value) + " is not allowed: " + core::format_number(lo) +
                    " to " + core::format_number(hi) + " ms");
    }
    return value;
}

} // namespace

void read(const Node& group, const std::vector<core::InputConfig>& inputs,
          core::InputDevicesConfig& input) {
    group.expect_group(input_keys());
    config::read(group, "enabled", input.enabled);
    if (const auto n = group.member("devices")) input.devices = read_devices(*n);
    config::read(group, "grab", input.grab);
    input.repeat_delay_ms = milliseconds(group, "repeat_delay_ms", input.repeat_delay_ms, 50, 5000);
    input.repeat_interval_ms =
        milliseconds(group, "repeat_interval_ms", input.repeat_interval_ms, 20, 2000);
    config::read(group, "accelerate", input.accelerate);
    if (const auto n = group.member("map"))
        for (const Node& el : n->elements()) {
            M m = read_mapping(el, inputs);
            std::erase_if(input.map,
                          [&](const M& o) { return o.type == m.type && o.code == m.code; });
            input.map.push_back(std::move(m)); // a later entry for a code wins
        }
    if (input.enabled && input.devices.empty())
        group.fail("enabled without devices: list the devices to read (\"/dev/input/by-id/...\" "
                   "or \"~regex\" on the name)");
}

} // namespace preamp::config::input_schema
