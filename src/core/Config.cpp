#include "Config.hpp"

#include "Errors.hpp"
#include "Range.hpp"
#include "dsp/Limits.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace preamp::core {
namespace {

bool valid_name(const std::string& s, bool lower_only) {
    if (s.empty() || s.size() > 32) return false;
    if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
    return std::all_of(s.begin(), s.end(), [&](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        if (lower_only && std::isupper(c)) return false;
        return std::isalnum(c) || c == '_' || c == '-';
    });
}

void check_names(const char* what, const std::vector<std::string>& names, bool lower_only,
                 const char* rule) {
    std::set<std::string> seen;
    for (const auto& n : names) {
        if (!valid_name(n, lower_only))
            throw InvalidValue(std::string(what) + " \"" + n + "\" is not a valid name: " + rule);
        if (!seen.insert(n).second)
            throw InvalidValue(std::string(what) + " \"" + n + "\" appears twice");
    }
}

void check_count(const char* what, std::size_t n, unsigned max) {
    if (n == 0 || n > max)
        throw InvalidValue(std::string(what) + " has " + std::to_string(n) +
                           " entries: allowed 1 to " + std::to_string(max));
}

} // namespace

void Config::validate() const {
    check_count("jack.channels", jack.channels.size(), dsp::kMaxChannels);
    check_names("jack.channels entry", jack.channels, false,
                "a letter, then letters, digits, '_' or '-', at most 32");

    check_count("inputs", inputs.size(), dsp::kMaxSources);
    std::vector<std::string> names;
    for (const auto& in : inputs) {
        if (in.name == "rec_out" || in.name == "pre_out")
            throw InvalidValue("inputs name \"" + in.name + "\" is reserved for an output");
        names.push_back(in.name);
        trim_range().check("inputs." + in.name + ".trim_db", in.trim_db);
        if (in.label.size() > 64)
            throw InvalidValue("inputs." + in.name + ".label is longer than 64 characters");
    }
    check_names("inputs name", names, true,
                "a lower-case letter, then lower-case letters, digits, '_' or '-', at most 32");

    Range{-120.0, -20.0, "dB"}.check("volume.min_db", volume.min_db);
    Range{volume.min_db + 1.0, 24.0, "dB"}.check("volume.max_db", volume.max_db);
    const Range span{volume.min_db, volume.max_db, "dB"};
    span.check("volume.default_db", volume.default_db);
    span.check("volume.startup_max_db", volume.startup_max_db);
    Range{0.1, 20.0, "dB"}.check("volume.step_db", volume.step_db);
    Range{1.0, 1000.0, "ms"}.check("volume.ramp_ms", volume.ramp_ms);
    Range{-60.0, 0.0, "dB"}.check("volume.dim_db", volume.dim_db);

    Range{20.0, 1000.0, "Hz"}.check("tone.bass.freq_hz", tone.bass.freq_hz);
    Range{1000.0, 20000.0, "Hz"}.check("tone.treble.freq_hz", tone.treble.freq_hz);
    Range{1.0, 24.0, "dB"}.check("tone.bass.range_db", tone.bass.range_db);
    Range{1.0, 24.0, "dB"}.check("tone.treble.range_db", tone.treble.range_db);

    Range{-120.0, 24.0, "dB"}.check("loudness.reference_db", loudness.reference_db);
    Range{20.0, 1000.0, "Hz"}.check("loudness.bass_freq_hz", loudness.bass_freq_hz);
    Range{1000.0, 20000.0, "Hz"}.check("loudness.treble_freq_hz", loudness.treble_freq_hz);
    Range{0.0, 1.0, ""}.check("loudness.bass_slope", loudness.bass_slope);
    Range{0.0, 1.0, ""}.check("loudness.treble_slope", loudness.treble_slope);
    Range{0.0, 24.0, "dB"}.check("loudness.bass_max_db", loudness.bass_max_db);
    Range{0.0, 24.0, "dB"}.check("loudness.treble_max_db", loudness.treble_max_db);
}

} // namespace preamp::core
