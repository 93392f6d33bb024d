#include "Schema.hpp"

#include "Connect.hpp"
#include "InputSchema.hpp"
#include "Lines.hpp"
#include "MidiSchema.hpp"
#include "Node.hpp"
#include "StandbySchema.hpp"
#include "core/FormatNumber.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace preamp::config {
namespace {

// JACK's own limit is larger; the daemon appends "-INSTANCE" to it.
constexpr std::size_t kMaxClientName = 32;

// The keys each group of preampd.conf accepts: what the readers below check with
// Node::expect_group, and, through kGroups, what Schema::keys() lists.
using Keys = std::initializer_list<std::string_view>;
const Keys kRootKeys{"jack", "inputs",   "outputs", "speakers", "bass_management", "volume",
                     "tone", "loudness", "standby", "midi",     "input",           "state"};
const Keys kJackKeys{"client_name", "server", "channels"};
const Keys kInputKeys{"name",   "label",  "trim_db", "connect",
                      "volume", "max_db", "bypass",  "auto_select"};
const Keys kOutputsKeys{"pre_out", "rec_out", "sub_out"};
const Keys kPreOutKeys{"label", "connect"};
const Keys kOutputKeys{"connect"};
const Keys kSpeakerKeys{"name", "label", "trim_db", "delay_ms", "on", "connect"};
const Keys kBassKeys{"crossover_hz", "mains_highpass", "channels", "sub_level_db",
                     "sub_delay_ms", "sub_polarity",   "enabled"};
const Keys kVolumeKeys{"min_db",  "max_db", "default_db", "step_db",
                       "ramp_ms", "dim_db", "startup",    "startup_max_db"};
const Keys kToneKeys{"bass", "treble"};
const Keys kShelfKeys{"freq_hz", "range_db"};
// The last four shaped the contour before it followed ISO 226: an older file still loads,
// and they are read (a wrong type is still an error) and ignored.
const Keys kLoudnessKeys{"reference_db", "reference_phon", "bass_max_db",    "treble_max_db",
                         "bass_freq_hz", "bass_slope",     "treble_freq_hz", "treble_slope"};
const Keys kStateKeys{"file"};

// Every group by its dotted path ("" the root; "inputs" each element of that list).
const std::array<std::pair<std::string_view, Keys>, 20> kGroups{{
    {"", kRootKeys},
    {"jack", kJackKeys},
    {"inputs", kInputKeys},
    {"outputs", kOutputsKeys},
    {"outputs.pre_out", kPreOutKeys},
    {"outputs.rec_out", kOutputKeys},
    {"outputs.sub_out", kOutputKeys},
    {"speakers", kSpeakerKeys},
    {"bass_management", kBassKeys},
    {"volume", kVolumeKeys},
    {"tone", kToneKeys},
    {"tone.bass", kShelfKeys},
    {"tone.treble", kShelfKeys},
    {"loudness", kLoudnessKeys},
    {"standby", standby_schema::keys()},
    {"midi", midi_schema::midi_keys()},
    {"midi.map", midi_schema::map_keys()},
    {"input", input_schema::input_keys()},
    {"input.map", input_schema::map_keys()},
    {"state", kStateKeys},
}};

void read_jack(const Node& n, core::Config::Jack& jack) {
    n.expect_group(kJackKeys);
    if (const auto name = n.member("client_name")) {
        jack.client_name = name->string();
        if (jack.client_name.empty()) name->fail("empty: JACK needs a client name");
        if (jack.client_name.size() > kMaxClientName)
            name->fail("\"" + jack.client_name + "\" is longer than " +
                       std::to_string(kMaxClientName) + " characters");
        if (jack.client_name.find(':') != std::string::npos)
            name->fail("\"" + jack.client_name +
                       "\" contains ':', which separates "
                       "client and port in JACK names");
    }
    read(n, "server", jack.server);
    read(n, "channels", jack.channels);
}

void read_connect(const Node& n, std::vector<std::string>& out) {
    if (const auto list = n.member("connect")) out = Connect::read(*list);
}

void read_inputs(const Node& n, std::vector<core::InputConfig>& inputs) {
    for (const Node& el : n.elements()) {
        el.expect_group(kInputKeys);
        core::InputConfig in;
        in.name = el.require("name").string();
        read(el, "label", in.label);
        read(el, "trim_db", in.trim_db);
        read_connect(el, in.connect);
        if (const auto volume = el.member("volume")) {
            const std::string v = volume->string();
            if (v == "follow")
                in.volume = core::InputConfig::Volume::follow;
            else if (v == "remember")
                in.volume = core::InputConfig::Volume::remember;
            else
                volume->fail("\"" + v +
                             "\" is not allowed: use \"follow\" (the volume the inputs share) "
                             "or \"remember\" (a volume of its own)");
        }
        if (const auto max = el.member("max_db")) in.max_db = max->number();
        read(el, "bypass", in.bypass);
        read(el, "auto_select", in.auto_select);
        inputs.push_back(std::move(in));
    }
}

void read_outputs(const Node& n, core::Config::Outputs& outputs) {
    n.expect_group(kOutputsKeys);
    if (const auto pre = n.member("pre_out")) {
        pre->expect_group(kPreOutKeys);
        read(*pre, "label", outputs.pre_out_label);
        read_connect(*pre, outputs.pre_out_connect);
    }
    if (const auto rec = n.member("rec_out")) {
        rec->expect_group(kOutputKeys);
        read_connect(*rec, outputs.rec_out_connect);
    }
    if (const auto sub = n.member("sub_out")) {
        sub->expect_group(kOutputKeys);
        read_connect(*sub, outputs.sub_out_connect);
    }
}

void read_speakers(const Node& n, std::vector<core::SpeakerConfig>& speakers) {
    for (const Node& el : n.elements()) {
        el.expect_group(kSpeakerKeys);
        core::SpeakerConfig sp;
        sp.name = el.require("name").string();
        read(el, "label", sp.label);
        read(el, "trim_db", sp.trim_db);
        read(el, "delay_ms", sp.delay_ms);
        read(el, "on", sp.on);
        read_connect(el, sp.connect);
        speakers.push_back(std::move(sp));
    }
}

void read_bass_management(const Node& n, core::BassManagementConfig& b) {
    n.expect_group(kBassKeys);
    read(n, "crossover_hz", b.crossover_hz);
    read(n, "mains_highpass", b.mains_highpass);
    if (const auto channels = n.member("channels")) {
        const double c = channels->number();
        if (c != 1.0 && c != 2.0)
            channels->fail(core::format_number(c) +
                           " is not allowed: 1 (sub_out, the mean of the channels) or 2 "
                           "(sub_out_L and sub_out_R, one per side)");
        b.channels = static_cast<unsigned>(c);
    }
    read(n, "sub_level_db", b.sub_level_db);
    read(n, "sub_delay_ms", b.sub_delay_ms);
    if (const auto polarity = n.member("sub_polarity")) {
        const std::string s = polarity->string();
        if (s != "normal" && s != "inverted")
            polarity->fail("\"" + s + "\" is not allowed: use \"normal\" or \"inverted\"");
        b.sub_polarity_inverted = s == "inverted";
    }
    read(n, "enabled", b.enabled);
}

void read_volume(const Node& n, core::Config::Volume& v) {
    n.expect_group(kVolumeKeys);
    read(n, "min_db", v.min_db);
    read(n, "max_db", v.max_db);
    read(n, "default_db", v.default_db);
    read(n, "step_db", v.step_db);
    read(n, "ramp_ms", v.ramp_ms);
    read(n, "dim_db", v.dim_db);
    read(n, "startup_max_db", v.startup_max_db);
    if (const auto startup = n.member("startup")) {
        using Startup = core::Config::Volume::Startup;
        const std::string s = startup->string();
        if (s == "restore")
            v.startup = Startup::restore;
        else if (s == "default")
            v.startup = Startup::use_default;
        else
            startup->fail("\"" + s + "\" is not allowed: use \"restore\" or \"default\"");
    }
}

void read_shelf(const Node& n, core::Config::Shelf& shelf) {
    n.expect_group(kShelfKeys);
    read(n, "freq_hz", shelf.freq_hz);
    read(n, "range_db", shelf.range_db);
}

void read_tone(const Node& n, core::Config::Tone& tone) {
    n.expect_group(kToneKeys);
    if (const auto bass = n.member("bass")) read_shelf(*bass, tone.bass);
    if (const auto treble = n.member("treble")) read_shelf(*treble, tone.treble);
}

void read_loudness(const Node& n, dsp::Loudness& l) {
    n.expect_group(kLoudnessKeys);
    read(n, "reference_db", l.reference_db);
    read(n, "reference_phon", l.reference_phon);
    read(n, "bass_max_db", l.bass_max_db);
    read(n, "treble_max_db", l.treble_max_db);
    for (const char* obsolete : {"bass_freq_hz", "bass_slope", "treble_freq_hz", "treble_slope"})
        if (const auto m = n.member(obsolete)) (void)m->number();
}

void read_state(const Node& n, core::Config::State& state) {
    n.expect_group(kStateKeys);
    if (const auto file = n.member("file")) {
        state.file = file->string();
        if (state.file.empty() || state.file.front() != '/')
            file->fail("\"" + state.file + "\" is not an absolute path");
    }
}

} // namespace

core::Config Schema::read(const Node& root) {
    root.expect_group(kRootKeys);
    core::Config cfg;
    cfg.inputs.clear();
    if (const auto n = root.member("jack")) read_jack(*n, cfg.jack);
    if (const auto n = root.member("inputs")) read_inputs(*n, cfg.inputs);
    if (const auto n = root.member("outputs")) read_outputs(*n, cfg.outputs);
    if (const auto n = root.member("speakers")) read_speakers(*n, cfg.speakers);
    if (const auto n = root.member("bass_management"))
        read_bass_management(*n, cfg.bass_management.emplace());
    if (const auto n = root.member("volume")) read_volume(*n, cfg.volume);
    if (const auto n = root.member("tone")) read_tone(*n, cfg.tone);
    if (const auto n = root.member("loudness")) read_loudness(*n, cfg.loudness);
    if (const auto n = root.member("standby")) standby_schema::read(*n, cfg.standby);
    if (const auto n = root.member("midi")) midi_schema::read(*n, cfg.inputs, cfg.midi);
    if (const auto n = root.member("input")) input_schema::read(*n, cfg.inputs, cfg.input);
    if (const auto n = root.member("state")) read_state(*n, cfg.state);
    if (cfg.inputs.empty()) root.lines().fail("inputs", "at least one input is needed");
    return cfg;
}

void Schema::check(const core::Config& cfg, const Lines& lines) {
    const std::size_t channels = cfg.jack.channels.size();
    for (std::size_t i = 0; i < cfg.inputs.size(); ++i) {
        const std::string path = "inputs.[" + std::to_string(i) + "].connect";
        Connect::check_count(lines, path, cfg.inputs[i].connect.size(), channels, "input");
    }
    Connect::check_count(lines, "outputs.pre_out.connect", cfg.outputs.pre_out_connect.size(),
                         channels, "output");
    Connect::check_count(lines, "outputs.rec_out.connect", cfg.outputs.rec_out_connect.size(),
                         channels, "output");
    const std::size_t sub = cfg.output_layout().sub_channels;
    Connect::check_count(lines, "outputs.sub_out.connect", cfg.outputs.sub_out_connect.size(), sub,
                         "output");
    for (std::size_t i = 0; i < cfg.speakers.size(); ++i) {
        const std::string path = "speakers.[" + std::to_string(i) + "].connect";
        Connect::check_count(lines, path, cfg.speakers[i].connect.size(), channels, "output");
    }
}

std::vector<std::string> Schema::keys() {
    const auto is_group = [](std::string_view path) {
        return std::any_of(kGroups.begin(), kGroups.end(),
                           [&](const auto& group) { return group.first == path; });
    };
    std::vector<std::string> out;
    for (const auto& [path, keys] : kGroups)
        for (const std::string_view key : keys) {
            std::string full =
                path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
            if (!is_group(full)) out.push_back(std::move(full));
        }
    return out;
}

} // namespace preamp::config
