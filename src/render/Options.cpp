#include "Options.hpp"

#include "Errors.hpp"
#include "Number.hpp"
#include "Words.hpp"
#include "dsp/Limits.hpp"
#include "dsp/Outputs.hpp"

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
    key_peak_chunk,
    key_version,
    key_crossover,
    key_mains_highpass,
    key_sub_level,
    key_sub_delay,
    key_sub_polarity,
    key_sub_channels,
    key_mono,
    key_swap,
    key_polarity,
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
    {"crossover", required_argument, nullptr, key_crossover},
    {"mains-highpass", optional_argument, nullptr, key_mains_highpass},
    {"sub-level", required_argument, nullptr, key_sub_level},
    {"sub-delay", required_argument, nullptr, key_sub_delay},
    {"sub-polarity", required_argument, nullptr, key_sub_polarity},
    {"sub-channels", required_argument, nullptr, key_sub_channels},
    {"mono", optional_argument, nullptr, key_mono},
    {"swap", optional_argument, nullptr, key_swap},
    {"polarity", required_argument, nullptr, key_polarity},
    {"output", required_argument, nullptr, key_output},
    {"stats", no_argument, nullptr, key_stats},
    {"partial", no_argument, nullptr, key_partial},
    {"peak-chunk", no_argument, nullptr, key_peak_chunk},
    {"help", no_argument, nullptr, 'h'},
    {"version", no_argument, nullptr, key_version},
    {nullptr, 0, nullptr, 0},
};

constexpr unsigned kMaxRate = 1'536'000;

unsigned count(const char* name, const char* arg, unsigned max) {
    if (auto v = parse_count(arg, 1, max)) return *v;
    throw UsageError(std::string("--") + name + " \"" + arg + "\" is not allowed: expected a " +
                     "whole number from 1 to " + std::to_string(max));
}

Tap parse_tap(const char* arg) {
    const std::string_view v(arg);
    if (v == "pre") return Tap::pre;
    if (v == "rec") return Tap::rec;
    if (v == "sub") return Tap::sub;
    throw UsageError("--output \"" + std::string(v) +
                     "\" is not allowed: expected pre, rec or sub");
}

// The bass management option given without --crossover, if any.
const char* needs_crossover(const Options& o) {
    if (o.mains_highpass) return "--mains-highpass";
    if (o.sub_level) return "--sub-level";
    if (o.sub_delay) return "--sub-delay";
    if (o.sub_polarity_inverted) return "--sub-polarity";
    if (o.sub_channels) return "--sub-channels";
    if (o.tap == Tap::sub) return "--output sub";
    return nullptr;
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
            o.loudness = parse_switch("loudness", optarg);
            break;
        case key_direct:
            o.direct = parse_switch("direct", optarg);
            break;
        case key_dim:
            o.dim = parse_switch("dim", optarg);
            break;
        case key_mute:
            o.mute = parse_switch("mute", optarg);
            break;
        case key_state:
            o.state_file = optarg;
            break;
        case key_crossover:
            o.crossover = optarg;
            break;
        case key_mains_highpass:
            o.mains_highpass = parse_switch("mains-highpass", optarg);
            break;
        case key_sub_level:
            o.sub_level = optarg;
            break;
        case key_sub_delay:
            o.sub_delay = optarg;
            break;
        case key_sub_polarity:
            o.sub_polarity_inverted = parse_polarity("sub-polarity", optarg);
            break;
        case key_sub_channels:
            o.sub_channels = count("sub-channels", optarg, dsp::kMaxSubChannels);
            break;
        case key_mono:
            o.mono = parse_switch("mono", optarg);
            break;
        case key_swap:
            o.swap = parse_switch("swap", optarg);
            break;
        case key_polarity:
            o.polarity = parse_polarity_list(optarg);
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
        case key_peak_chunk:
            o.peak_chunk = true;
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
    if (!o.crossover)
        if (const char* option = needs_crossover(o))
            throw UsageError(std::string(option) + " needs --crossover HZ: without a crossover " +
                             "there is no bass management, and no sub output");
    return o;
}

const char* tap_name(Tap tap) noexcept {
    switch (tap) {
    case Tap::pre:
        return "pre";
    case Tap::rec:
        return "rec";
    case Tap::sub:
        return "sub";
    }
    return "?";
}

} // namespace preamp::render
