#include "Describe.hpp"

#include "core/FormatNumber.hpp"

#include <sstream>

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
            << signed_db(in.trim_db) << ", "
            << connections(in.name, jack.channels, in.connect, " <- ") << '\n';
    out << "outputs:\n"
        << "  pre_out: "
        << connections("pre_out", jack.channels, cfg.outputs.pre_out_connect, " -> ") << '\n'
        << "  rec_out: "
        << connections("rec_out", jack.channels, cfg.outputs.rec_out_connect, " -> ") << '\n';

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
    out << "loudness: below " << db(l.reference_db) << ", bass " << hz(l.bass_freq_hz) << " +"
        << core::format_number(l.bass_slope) << " dB/dB up to " << db(l.bass_max_db) << ", treble "
        << hz(l.treble_freq_hz) << " +" << core::format_number(l.treble_slope) << " dB/dB up to "
        << db(l.treble_max_db) << '\n';

    out << "state file: " << cfg.state.file << '\n';
    return out.str();
}

} // namespace preamp::config
