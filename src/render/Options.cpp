#include "Options.hpp"

#include "Errors.hpp"
#include "Number.hpp"
#include "dsp/Limits.hpp"

#include <getopt.h>
#include <string_view>

namespace preamp::render {
namespace {

enum Key : int {
    key_raw = 256,
    key_rate,
    key_channels,
    key_volume,
    key_bass,
    key_treble,
    key_balance,
    key_trim,
    key_loudness,
    key_direct,
    key_dim,
    key_mute,
    key_state,
    key_output,
    key_stats,
    key_partial,
    key_version,
};

constexpr option kLongOptions[] = {
    {"raw", no_argument, nullptr, key_raw},
    {"rate", required_argument, nullptr, key_rate},
    {"channels", required_argument, nullptr, key_channels},
    {"volume", required_argument, nullptr, key_volume},
    {"bass", required_argument, nullptr, key_bass},
    {"treble", required_argument, nullptr, key_treble},
    {"balance", required_argument, nullptr, key_balance},
    {"trim", required_argument, nullptr, key_trim},
    {"loudness", optional_argument, nullptr, key_loudness},
    {"direct", optional_argument, nullptr, key_direct},
    {"dim", optional_argument, nullptr, key_dim},
    {"mute", optional_argument, nullptr, key_mute},
    {"state", required_argument, nullptr, key_state},
    {"output", required_argument, nullptr, key_output},
    {"stats", no_argument, nullptr, key_stats},
    {"partial", no_argument, nullptr, key_partial},
    {"help", no_argument, nullptr, 'h'},
    {"version", no_argument, nullptr, key_version},
    {nullptr, 0, nullptr, 0},
};

constexpr unsigned kMaxRate = 1'536'000;

// --mute, --mute=on, --mute=off (and true/false, yes/no, 1/0).
bool switch_value(const char* name, const char* arg) {
    if (arg == nullptr) return true;
    const std::string_view v(arg);
    if (v == "on" || v == "true" || v == "yes" || v == "1") return true;
    if (v == "off" || v == "false" || v == "no" || v == "0") return false;
    throw UsageError(std::string("--") + name + "=" + std::string(v) + ": expected on or off");
}

unsigned count(const char* name, const char* arg, unsigned max) {
    if (auto v = parse_count(arg, 1, max)) return *v;
    throw UsageError(std::string("--") + name + " \"" + arg + "\" is not allowed: expected a " +
                     "whole number from 1 to " + std::to_string(max));
}

Tap parse_tap(const char* arg) {
    const std::string_view v(arg);
    if (v == "pre") return Tap::pre;
    if (v == "rec") return Tap::rec;
    throw UsageError("--output \"" + std::string(v) + "\" is not allowed: expected pre or rec");
}

// The option getopt_long stopped at, as the user typed it.
std::string offending(int argc, char* const* argv, bool unknown) {
    if (unknown && optopt > 0 && optopt < 256) return {'-', static_cast<char>(optopt)};
    const int i = optind - 1;
    return i > 0 && i < argc ? argv[i] : "?";
}

} // namespace

Options Options::parse(int argc, char* const* argv) {
    Options o;
    opterr = 0; // the messages are ours
    optind = 0; // GNU: start afresh
    for (;;) {
        const int key = getopt_long(argc, argv, ":h", kLongOptions, nullptr);
        if (key == -1) break;
        switch (key) {
        case 'h':
            o.help = true;
            break;
        case key_version:
            o.version = true;
            break;
        case key_raw:
            o.raw = true;
            break;
        case key_rate:
            o.rate = count("rate", optarg, kMaxRate);
            break;
        case key_channels:
            o.channels = count("channels", optarg, dsp::kMaxChannels);
            break;
        case key_volume:
            o.volume = optarg;
            break;
        case key_bass:
            o.bass = optarg;
            break;
        case key_treble:
            o.treble = optarg;
            break;
        case key_balance:
            o.balance = optarg;
            break;
        case key_trim:
            o.trim = optarg;
            break;
        case key_loudness:
            o.loudness = switch_value("loudness", optarg);
            break;
        case key_direct:
            o.direct = switch_value("direct", optarg);
            break;
        case key_dim:
            o.dim = switch_value("dim", optarg);
            break;
        case key_mute:
            o.mute = switch_value("mute", optarg);
            break;
        case key_state:
            o.state_file = optarg;
            break;
        case key_output:
            o.tap = parse_tap(optarg);
            break;
        case key_stats:
            o.stats = true;
            break;
        case key_partial:
            o.partial = true;
            break;
        case ':':
            throw UsageError("option " + offending(argc, argv, false) + " needs a value");
        default:
            throw UsageError("unknown option " + offending(argc, argv, true));
        }
    }
    if (o.help || o.version) return o;

    const int files = argc - optind;
    if (files != 2)
        throw UsageError(files < 2 ? "expected an input and an output file (\"-\" for stdin/stdout)"
                                   : "too many arguments: expected only IN and OUT, got " +
                                         std::to_string(files) + " file arguments");
    o.input = argv[optind];
    o.output = argv[optind + 1];

    if (o.raw && (!o.rate || !o.channels))
        throw UsageError("--raw needs --rate R and --channels C: raw float32 carries neither");
    if (o.raw && o.partial)
        throw UsageError("--partial is for sound files whose header declares a length: raw "
                         "input has no header");
    if (!o.raw && (o.rate || o.channels))
        throw UsageError("--rate and --channels describe raw input: use them with --raw (a "
                         "sound file names its own)");
    return o;
}

const char* Options::help_text() noexcept {
    return R"(Usage: preamp-render [OPTIONS] IN OUT

Run IN through preampd's DSP engine, as its only source, and write OUT. "-" is
standard input or output. IN and OUT are sound files (anything libsndfile reads;
OUT's type from its extension: .wav .wave .flac .aiff .aif .aifc .ogg .oga .opus .au
.caf .w64 .rf64, or IN's type when OUT has none or is "-"), or, with --raw,
interleaved native-endian 32-bit float (sox -t f32). OUT keeps IN's sample format
where its type allows.
OUT replaces an existing file only once the whole render has succeeded.

Input:
      --raw              IN and OUT are raw float32 (needs --rate and --channels)
      --rate HZ          sample rate of raw input
      --channels N       channels of raw input, 1 to 8
      --partial          render a truncated IN (its header declares more audio than
                         it holds) as far as it goes, with a warning; without it,
                         a truncated IN is refused

Settings (the daemon's controls; each value checked against its range):
      --volume DB        volume, -120 (silence) to 24 dB; default 0 dB
      --bass DB          bass shelf at 100 Hz, -12 to 12 dB
      --treble DB        treble shelf at 10 kHz, -12 to 12 dB
      --balance X        -1 (left only) to 1 (right only)
      --trim DB          input trim, -24 to 24 dB
      --loudness[=on|off]  volume-dependent loudness contour
      --direct[=on|off]  bypass tone, loudness and balance
      --dim[=on|off]     pre output down by 20 dB
      --mute[=on|off]    pre output silent
      --state FILE       start from a preampd state file (its source is ignored);
                         the options above override it
  DB values are plain numbers, optionally followed by "dB": -20, -20dB, +6.

Output:
      --output pre|rec   the pre output (default: after trim, tone, volume) or the
                         rec output (the input, bit-exact)
      --stats            print frames, settings, per-channel levels and clips, and
                         the Inf or NaN samples replaced (as full scale or 0), to
                         stderr

  -h, --help             this text
      --version          print the version

Exit status: 0 done, 1 render failed or a value was refused, 2 usage error.
)";
}

} // namespace preamp::render
