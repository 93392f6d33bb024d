#include "Describe.hpp"

#include "EventCodes.hpp"
#include "core/FormatNumber.hpp"
#include "core/Joined.hpp"

#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace preamp::config {
namespace {

std::string db(double v) {
    return core::format_number(v) + " dB";
}
std::string signed_db(double v) {
    // Appended: `"+" + db(v)` inserts at the front of the temporary, which GCC 12 at -O3
    // takes for an overlapping memcpy (-Wrestrict; GCC bugs 105329, 105651).
    std::string s = v > 0 ? "+" : "";
    return s.append(db(v));
}
std::string hz(double v) {
    return core::format_number(v) + " Hz";
}

// "cd_L <- system:capture_1, cd_R <- system:capture_2"; `arrow` says which way.
std::string connections(const std::string& prefix, const std::vector<std::string>& channels,
                        const std::vector<std::string>& connect, const char* arrow) {
    if (connect.empty()) return "not connected";
    std::string s;
    for (std::size_t i = 0; i < connect.size() && i < channels.size(); ++i)
        s.append(i ? ", " : "").append(prefix + "_" + channels[i] + arrow + connect[i]);
    return s;
}

// ", remembers its volume, at most -20 dB" or ", bypass at 0 dB": what is not the default.
std::string levels(const core::InputConfig& in) {
    if (in.bypass) return ", bypass (unity gain, volume fixed at 0 dB)";
    std::string s;
    if (in.volume == core::InputConfig::Volume::remember) s += ", remembers its volume";
    if (in.max_db) s.append(", volume at most ").append(db(*in.max_db));
    return s;
}

std::string ms(double v) {
    return core::format_number(v) + " ms";
}

// sub_out's port names: one mono port, or one per channel.
std::vector<std::string> sub_ports(const core::Config& cfg) {
    if (cfg.output_layout().sub_channels == 1) return {""};
    return cfg.jack.channels;
}

std::string sub_connections(const core::Config& cfg) {
    const auto& connect = cfg.outputs.sub_out_connect;
    if (connect.empty()) return "not connected";
    const auto ports = sub_ports(cfg);
    std::string s;
    for (std::size_t i = 0; i < connect.size() && i < ports.size(); ++i)
        s.append(i ? ", " : "")
            .append("sub_out" + (ports[i].empty() ? "" : "_" + ports[i]) + " -> " + connect[i]);
    return s;
}

void describe_speakers(std::ostream& out, const core::Config& cfg) {
    if (cfg.speakers.empty()) return;
    const auto& main = cfg.outputs.pre_out_label;
    out << "speaker sets:\n"
        << "  a \"" << (main.empty() ? "Main" : main) << "\": pre_out, on at start\n";
    for (const auto& sp : cfg.speakers)
        out << "  " << sp.name << " \"" << (sp.label.empty() ? sp.name : sp.label) << "\", trim "
            << signed_db(sp.trim_db) << ", delay " << ms(sp.delay_ms) << ", "
            << (sp.on ? "on" : "off") << " at start, "
            << connections("pre_out_" + sp.name, cfg.jack.channels, sp.connect, " -> ") << '\n';
}

void describe_bass(std::ostream& out, const core::Config& cfg) {
    const auto& b = cfg.bass_management;
    if (!b) {
        out << "bass management: none (no sub_out)\n";
        return;
    }
    out << "bass management: LR4 crossover at " << hz(b->crossover_hz) << ", pre_out "
        << (b->mains_highpass ? "high-passed" : "full range") << ", sub_out "
        << (b->channels == 1 ? "mono (the mean of the channels)" : "one per side") << ", level "
        << signed_db(b->sub_level_db) << ", delay " << ms(b->sub_delay_ms) << ", polarity "
        << (b->sub_polarity_inverted ? "inverted" : "normal") << ", " << (b->enabled ? "on" : "off")
        << " at start\n"
        << "  sub_out: " << sub_connections(cfg) << '\n';
}

} // namespace

namespace {

// "off", or "/dev/input/event3, ~flirc (grabbed); repeat after 400 ms every 100 ms,
// accelerating; KEY_VOLUMEUP volume_up, ..., KEY_1 source cd".
std::string input_devices(const core::Config& cfg) {
    using A = core::InputMapping::Action;
    static constexpr const char* kActions[] = {"none",     "volume_up", "volume_down", "volume",
                                               "mute",     "dim",       "mono",        "direct",
                                               "loudness", "standby",   "source"};
    const auto& in = cfg.input;
    if (!in.enabled) return "off";
    std::string s = core::joined(in.devices, ", ");
    s += std::string(in.grab ? " (grabbed)" : "") + "; repeat after " +
         core::format_number(in.repeat_delay_ms) + " ms every " +
         core::format_number(in.repeat_interval_ms) + " ms" +
         (in.accelerate ? ", accelerating" : "");
    // Appended piece by piece: GCC 12 at -O3 (the arm64 release build) takes the
    // temporaries of "; " + std::string for an overlapping memcpy (-Wrestrict, GCC bug
    // 105329).
    for (const core::InputMapping& m : in.mappings(cfg.inputs)) {
        s.append("; ").append(event_codes::name_of(m.type, m.code)).append(" ");
        s.append(kActions[static_cast<int>(m.action)]);
        if (m.action == A::source) s.append(" ").append(m.source);
        if (m.step_db > 0.0) s.append(" ").append(core::format_number(m.step_db)).append(" dB");
    }
    return s;
}

// "CC 16 volume relative (offset64, 0.5 dB a tick)", "note 8 mute toggle", "program 1
// source phono", "CC 7 volume (soft take-over)", channel too when it has its own.
std::string mapping(const core::MidiMapping& m) {
    using M = core::MidiMapping;
    static constexpr const char* kTriggers[] = {"CC", "note", "program"};
    static constexpr const char* kControls[] = {"volume",   "balance", "bass", "treble",
                                                "mute",     "dim",     "mono", "direct",
                                                "loudness", "source"};
    std::string s = std::string(kTriggers[static_cast<int>(m.trigger)]) + " " +
                    std::to_string(m.number) + " " + kControls[static_cast<int>(m.control)];
    switch (m.mode) {
    case M::Mode::absolute:
        if (m.takeover) s += " (soft take-over)";
        break;
    case M::Mode::relative:
        s += std::string(" relative (") +
             (m.encoder == M::Encoder::offset64 ? "offset64" : "twos_complement") + ", " +
             (m.step_db > 0.0 ? core::format_number(m.step_db) + " dB" : "volume.step_db") +
             " a tick)";
        break;
    case M::Mode::toggle:
        s += " toggle";
        break;
    case M::Mode::momentary:
        s += " momentary";
        break;
    case M::Mode::select:
        s += " " + m.source;
        break;
    }
    if (m.channel != 0) s += " on channel " + std::to_string(m.channel);
    return s;
}

} // namespace

std::string describe(const core::Config& cfg) {
    std::ostringstream out;
    const auto& jack = cfg.jack;
    out << "JACK client \"" << jack.client_name << "\" on "
        << (jack.server.empty() ? "the default server" : "server \"" + jack.server + "\"")
        << ", channels";
    for (const auto& ch : jack.channels)
        out << ' ' << ch;
    out << "\ninputs:\n";
    for (const auto& in : cfg.inputs)
        out << "  " << in.name << " \"" << (in.label.empty() ? in.name : in.label) << "\", trim "
            << signed_db(in.trim_db) << levels(in) << ", "
            << connections(in.name, jack.channels, in.connect, " <- ") << '\n';
    out << "outputs:\n"
        << "  pre_out: "
        << connections("pre_out", jack.channels, cfg.outputs.pre_out_connect, " -> ") << '\n'
        << "  rec_out: "
        << connections("rec_out", jack.channels, cfg.outputs.rec_out_connect, " -> ") << '\n';
    describe_speakers(out, cfg);
    describe_bass(out, cfg);

    const auto& v = cfg.volume;
    out << "volume: " << core::format_number(v.min_db) << " to " << db(v.max_db) << ", default "
        << db(v.default_db) << ", step " << db(v.step_db) << ", ramp "
        << core::format_number(v.ramp_ms) << " ms, dim " << db(v.dim_db) << '\n'
        << "startup: "
        << (v.startup == core::Config::Volume::Startup::restore ? "the saved state"
                                                                : "the defaults")
        << ", at most " << db(v.startup_max_db) << '\n';

    const auto& t = cfg.tone;
    out << "tone: bass " << hz(t.bass.freq_hz) << " +/-" << db(t.bass.range_db) << ", treble "
        << hz(t.treble.freq_hz) << " +/-" << db(t.treble.range_db) << '\n';

    const auto& l = cfg.loudness;
    out << "loudness: ISO 226 below " << db(l.reference_db) << " (heard at "
        << core::format_number(l.reference_phon) << " phon), bass up to " << db(l.bass_max_db)
        << ", treble up to " << db(l.treble_max_db) << '\n';

    const auto& sb = cfg.standby;
    const auto hook = [](const std::vector<std::string>& argv) {
        return argv.empty() ? std::string("none") : core::joined(argv, " ");
    };
    out << "standby: ";
    if (sb.on_silence)
        out << "after " << core::format_number(sb.after_s) << " s below "
            << core::format_number(sb.threshold_dbfs) << " dBFS";
    else
        out << "only when asked";
    out << ", a signal wakes after " << core::format_number(sb.signal_hold_ms) << " ms, fade "
        << core::format_number(sb.fade_ms) << " ms, wake delay "
        << core::format_number(sb.wake_delay_ms) << " ms; on_standby: " << hook(sb.on_standby)
        << "; on_wake: " << hook(sb.on_wake) << " (timeout "
        << core::format_number(sb.hook_timeout_s) << " s)\n";

    const auto& midi = cfg.midi;
    out << "midi: ";
    if (!midi.enabled) {
        out << "off\n";
    } else {
        out << "midi_in and midi_out, "
            << (midi.channel == 0 ? std::string("every channel")
                                  : "channel " + std::to_string(midi.channel))
            << ", feedback " << (midi.feedback ? "on" : "off") << "; ";
        const auto map = midi.mappings();
        for (std::size_t i = 0; i < map.size(); ++i)
            out << (i ? ", " : "") << mapping(map[i]);
        out << '\n';
    }

    out << "input: " << input_devices(cfg) << '\n';
    out << "state file: " << cfg.state.file << '\n';
    return out.str();
}

} // namespace preamp::config
