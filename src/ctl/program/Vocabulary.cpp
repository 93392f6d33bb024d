#include "Vocabulary.hpp"

#include "Format.hpp"

#include <array>
#include <utility>

namespace preamp::ctl::vocabulary {
namespace {

// Every property of org.preampd.Preamp1 and its key.
constexpr std::array<std::pair<std::string_view, std::string_view>, 39> kKeys{{
    {"Volume", "volume_db"},
    {"Mute", "mute"},
    {"Dim", "dim"},
    {"Source", "source"},
    {"RecSource", "rec_source"},
    {"Balance", "balance"},
    {"Bass", "bass_db"},
    {"Treble", "treble_db"},
    {"Loudness", "loudness"},
    {"Direct", "direct"},
    {"Channels", "channels"},
    {"Mono", "mono"},
    {"Swap", "swap"},
    {"Polarity", "polarity"},
    {"Speakers", "speakers"},
    {"SpeakerSets", "speaker_sets"},
    {"BassManagement", "bass_management"},
    {"SubEnabled", "sub_enabled"},
    {"SubLevel", "sub_level_db"},
    {"SubLevelRange", "sub_level_range_db"},
    {"Crossover", "crossover_hz"},
    {"SubDelay", "sub_delay_ms"},
    {"SubPolarity", "sub_polarity"},
    {"Sources", "sources"},
    {"VolumeRange", "volume_range_db"},
    {"VolumeCeiling", "volume_ceiling_db"},
    {"Bypass", "bypass"},
    {"VolumeStep", "volume_step_db"},
    {"BassRange", "bass_range_db"},
    {"TrebleRange", "treble_range_db"},
    {"Standby", "standby"},
    {"StandbyIn", "standby_in_s"},
    {"State", "state"},
    {"SampleRate", "sample_rate_hz"},
    {"BufferSize", "buffer_size_frames"},
    {"Xruns", "xruns"},
    {"DspLoad", "dsp_load_percent"},
    {"CallbackTime", "callback_us"},
    {"Surfaces", "surfaces"},
}};

} // namespace

std::string key(std::string_view property) {
    for (const auto& [p, k] : kKeys)
        if (p == property) return std::string(k);
    std::string snake;
    for (const char c : property) {
        if (c >= 'A' && c <= 'Z') {
            if (!snake.empty()) snake += '_';
            snake += static_cast<char>(c - 'A' + 'a');
        } else {
            snake += c;
        }
    }
    return snake;
}

bool zero_is_unknown(std::string_view property) noexcept {
    return property == "SampleRate" || property == "BufferSize" || property == "StandbyIn";
}

std::string count(std::string_view property, std::uint64_t n) {
    return n == 0 && zero_is_unknown(property) ? "null" : std::to_string(n);
}

std::string sources(const Sources& sources) {
    std::string json = "[";
    for (const auto& s : sources) {
        json += (json.size() > 1 ? ", " : "") + std::string("{\"name\": ") +
                format::json_string(std::get<0>(s)) +
                ", \"label\": " + format::json_string(std::get<1>(s)) + "}";
    }
    return json + "]";
}

std::string range(const Range& range) {
    // Appended, never `"[" + temporary`: GCC 12 at -O3 takes the insert at the front of
    // a temporary for an overlapping memcpy (-Wrestrict; GCC bugs 105329, 105651).
    return std::string("[")
        .append(format::json_number(std::get<0>(range)))
        .append(", ")
        .append(format::json_number(std::get<1>(range)))
        .append("]");
}

std::string callback(const Range& mean_max, bool known) {
    if (!known) return "null";
    return std::string("{\"mean\": ")
        .append(format::json_number(std::get<0>(mean_max)))
        .append(", \"max\": ")
        .append(format::json_number(std::get<1>(mean_max)))
        .append("}");
}

std::string value(std::string_view property, const sdbus::Variant& value) {
    const std::string type = value.peekValueType();
    if (type == "d") return format::json_number(value.get<double>());
    if (type == "b") return format::json_bool(value.get<bool>());
    if (type == "s") return format::json_string(value.get<std::string>());
    if (type == "u") return count(property, value.get<std::uint32_t>());
    if (type == "t") return count(property, value.get<std::uint64_t>());
    if (type == "(dd)") {
        const auto r = value.get<Range>();
        return property == "CallbackTime" ? callback(r, true) : vocabulary::range(r);
    }
    if (type == "a(ss)") return sources(value.get<Sources>());
    if (type == "as") {
        std::string json = "[";
        for (const auto& w : value.get<std::vector<std::string>>())
            json.append(json.size() > 1 ? ", " : "").append(format::json_string(w));
        return json + "]";
    }
    return "null";
}

} // namespace preamp::ctl::vocabulary
