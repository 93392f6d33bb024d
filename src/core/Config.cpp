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

// `path.[i]`, as libconfig names list elements.
std::string element(const std::string& path, std::size_t i) {
    return path + ".[" + std::to_string(i) + "]";
}

void check(const Range& range, const std::string& path, double v) {
    try {
        range.check(path, v);
    } catch (const InvalidValue& e) {
        throw InvalidSetting(path, e.what());
    }
}

void check_count(const std::string& path, std::size_t n, unsigned max) {
    if (n == 0 || n > max)
        throw InvalidSetting(path, path + " has " + std::to_string(n) + " entries: allowed 1 to " +
                                       std::to_string(max));
}

// Names become JACK port names and D-Bus values: letters, digits, '_' and '-'.
void check_names(const std::string& list, const std::vector<std::string>& names,
                 const std::string& suffix, bool lower_only) {
    const char* rule = lower_only ? "a lower-case letter, then lower-case letters, digits, "
                                    "'_' or '-', at most 32"
                                  : "a letter, then letters, digits, '_' or '-', at most 32";
    std::set<std::string> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string path = element(list, i) + suffix;
        const std::string& n = names[i];
        if (!valid_name(n, lower_only))
            throw InvalidSetting(path, path + " \"" + n + "\" is not a valid name: " + rule);
        if (!seen.insert(n).second)
            throw InvalidSetting(path, path + " \"" + n + "\" appears twice");
        if (n == "rec_out" || n == "pre_out")
            throw InvalidSetting(path, path + " \"" + n + "\" is reserved for an output");
        if (lower_only && n == "follow")
            throw InvalidSetting(path, path + " \"follow\" is reserved: rec-source follow means "
                                              "following the selected source");
    }
}

void check_label(const std::string& path, const std::string& label) {
    if (label.size() > 64) throw InvalidSetting(path, path + " is longer than 64 characters");
}

void check_bass_management(const BassManagementConfig& b, std::size_t channels) {
    const std::string g = "bass_management.";
    check(Config::crossover_range(), g + "crossover_hz", b.crossover_hz);
    check(Config::sub_level_range(), g + "sub_level_db", b.sub_level_db);
    check(Config::delay_range(), g + "sub_delay_ms", b.sub_delay_ms);
    if (b.channels != 1 && b.channels != 2)
        throw InvalidSetting(g + "channels", g + "channels " + std::to_string(b.channels) +
                                                 " is not allowed: 1 (sub_out, the mean of "
                                                 "the channels) or 2 (a sub_out per side)");
    if (b.channels == 2 && channels != 2)
        throw InvalidSetting(g + "channels", g +
                                                 "channels 2 needs jack.channels of exactly "
                                                 "2 (left and right), not " +
                                                 std::to_string(channels));
}

void check_speakers(const std::vector<SpeakerConfig>& speakers) {
    constexpr unsigned max = dsp::kMaxSpeakerSets - 1;
    if (speakers.size() > max)
        throw InvalidSetting("speakers", "speakers has " + std::to_string(speakers.size()) +
                                             " entries: allowed at most " + std::to_string(max) +
                                             " (pre_out is set \"" + Config::kMainSpeakers + "\")");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < speakers.size(); ++i) {
        const std::string path = element("speakers", i);
        const SpeakerConfig& sp = speakers[i];
        const std::string name = path + ".name \"" + sp.name + "\"";
        if (!valid_name(sp.name, true))
            throw InvalidSetting(path + ".name",
                                 name + " is not a valid name: a lower-case letter, then "
                                        "lower-case letters, digits, '_' or '-', at most 32");
        if (sp.name == Config::kMainSpeakers)
            throw InvalidSetting(path + ".name",
                                 name + " is reserved: set \"a\" is pre_out itself");
        if (!seen.insert(sp.name).second)
            throw InvalidSetting(path + ".name", name + " appears twice");
        check_label(path + ".label", sp.label);
        check(Config::trim_range(), path + ".trim_db", sp.trim_db);
        check(Config::delay_range(), path + ".delay_ms", sp.delay_ms);
    }
}

void check_hook(const std::string& path, const std::vector<std::string>& argv) {
    if (argv.empty()) return;
    if (argv.front().empty() || argv.front().front() != '/')
        throw InvalidSetting(path, path + "[0] \"" + argv.front() +
                                       "\" is not an absolute path: hooks run without a shell "
                                       "or a PATH search (e.g. \"/usr/bin/gpioset\")");
    check_count(path, argv.size(), 64);
}

void check_standby(const StandbyConfig& s) {
    const std::string g = "standby.";
    check({1.0, 86400.0, "s"}, g + "after_s", s.after_s);
    check({-120.0, 0.0, "dBFS"}, g + "threshold_dbfs", s.threshold_dbfs);
    check({0.0, 60000.0, "ms"}, g + "signal_hold_ms", s.signal_hold_ms);
    check({0.0, 60000.0, "ms"}, g + "wake_delay_ms", s.wake_delay_ms);
    check({10.0, 10000.0, "ms"}, g + "fade_ms", s.fade_ms);
    check({1.0, 600.0, "s"}, g + "hook_timeout_s", s.hook_timeout_s);
    check_hook(g + "on_standby", s.on_standby);
    check_hook(g + "on_wake", s.on_wake);
}

// Each input's max_db within the volume range; a bypass input has neither a ceiling nor
// a volume of its own (its volume is fixed at 0 dB).
void check_levels(const Config& cfg) {
    const Range span{cfg.volume.min_db, cfg.volume.max_db, "dB"};
    for (std::size_t i = 0; i < cfg.inputs.size(); ++i) {
        const std::string path = element("inputs", i);
        const InputConfig& in = cfg.inputs[i];
        if (in.max_db) check(span, path + ".max_db", *in.max_db);
        if (!in.bypass) continue;
        if (in.max_db)
            throw InvalidSetting(path + ".max_db",
                                 path + ".max_db is not allowed with bypass = true: a bypass "
                                        "input's volume is fixed at 0 dB");
        if (in.volume == InputConfig::Volume::remember)
            throw InvalidSetting(path + ".volume",
                                 path + ".volume \"remember\" is not allowed with bypass = "
                                        "true: a bypass input's volume is fixed at 0 dB");
    }
}

} // namespace

dsp::OutputLayout Config::output_layout() const noexcept {
    dsp::OutputLayout layout;
    layout.sub_channels = bass_management ? bass_management->channels : 0;
    layout.speaker_sets = 1 + static_cast<unsigned>(speakers.size());
    return layout;
}

void Config::validate() const {
    check_count("jack.channels", jack.channels.size(), dsp::kMaxChannels);
    check_names("jack.channels", jack.channels, "", false);

    check_count("inputs", inputs.size(), dsp::kMaxSources);
    std::vector<std::string> names;
    for (const auto& in : inputs)
        names.push_back(in.name);
    check_names("inputs", names, ".name", true);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const std::string path = element("inputs", i);
        check(trim_range(), path + ".trim_db", inputs[i].trim_db);
        check_label(path + ".label", inputs[i].label);
    }
    check_levels(*this);
    check_label("outputs.pre_out.label", outputs.pre_out_label);
    if (bass_management)
        check_bass_management(*bass_management, jack.channels.size());
    else if (!outputs.sub_out_connect.empty())
        throw InvalidSetting("outputs.sub_out.connect",
                             "outputs.sub_out.connect needs a bass_management group: without "
                             "it there is no sub_out");
    check_speakers(speakers);

    check({-120.0, -20.0, "dB"}, "volume.min_db", volume.min_db);
    check({volume.min_db + 1.0, 24.0, "dB"}, "volume.max_db", volume.max_db);
    const Range span{volume.min_db, volume.max_db, "dB"};
    check(span, "volume.default_db", volume.default_db);
    check(span, "volume.startup_max_db", volume.startup_max_db);
    check({0.1, 20.0, "dB"}, "volume.step_db", volume.step_db);
    check({1.0, 1000.0, "ms"}, "volume.ramp_ms", volume.ramp_ms);
    check({-60.0, 0.0, "dB"}, "volume.dim_db", volume.dim_db);

    check({20.0, 1000.0, "Hz"}, "tone.bass.freq_hz", tone.bass.freq_hz);
    check({1000.0, 20000.0, "Hz"}, "tone.treble.freq_hz", tone.treble.freq_hz);
    check({1.0, 24.0, "dB"}, "tone.bass.range_db", tone.bass.range_db);
    check({1.0, 24.0, "dB"}, "tone.treble.range_db", tone.treble.range_db);

    check({-120.0, 24.0, "dB"}, "loudness.reference_db", loudness.reference_db);
    check({40.0, 90.0, "phon"}, "loudness.reference_phon", loudness.reference_phon);
    check({0.0, 36.0, "dB"}, "loudness.bass_max_db", loudness.bass_max_db);
    check({0.0, 12.0, "dB"}, "loudness.treble_max_db", loudness.treble_max_db);

    check_standby(standby);
}

} // namespace preamp::core
