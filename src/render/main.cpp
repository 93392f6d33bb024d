// preamp-render: runs a file or a stream through preampd's DSP engine, offline.

#include "Errors.hpp"
#include "Interrupted.hpp"
#include "Options.hpp"
#include "OutputFile.hpp"
#include "OutputFormat.hpp"
#include "RawReader.hpp"
#include "RawWriter.hpp"
#include "RenderSettings.hpp"
#include "Renderer.hpp"
#include "SndfileReader.hpp"
#include "SndfileWriter.hpp"
#include "Stats.hpp"
#include "version.h"

#include <csignal>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace preamp::render;

constexpr const char* kRawFloat = "raw float32 (native-endian, interleaved)";

// The sub output's channels, named as preampd's ports are.
std::vector<std::string> sub_names(unsigned channels) {
    if (channels == 1) return {"sub_out"};
    return {"sub_out_L", "sub_out_R"};
}

void render(const Options& o) {
    // Every value is judged before any file is touched, but for what IN's channels
    // decide (settings(channels)): before OUT is.
    const RenderSettings chosen(o);
    Interrupted::catch_signals();

    std::unique_ptr<AudioReader> in;
    int in_format = 0;
    if (o.raw) {
        in = std::make_unique<RawReader>(o.input, *o.channels, *o.rate);
    } else {
        auto file = std::make_unique<SndfileReader>(o.input, o.partial);
        in_format = file->format();
        in = std::move(file);
    }
    const unsigned channels = in->channels();
    const unsigned rate = in->rate();
    const preamp::core::Settings settings = chosen.settings(channels);
    Renderer renderer(settings, rate, o.tap);
    const unsigned out_channels = renderer.output_channels();
    const int out_format =
        o.raw ? 0 : OutputFormat::choose(o.output, in_format, out_channels, rate);

    OutputFile file(o.output);
    std::unique_ptr<AudioWriter> out;
    if (o.raw)
        out = std::make_unique<RawWriter>(file.fd(), out_channels, file.name());
    else
        out = std::make_unique<SndfileWriter>(file, out_format, out_channels, rate, o.peak_chunk);

    renderer.run(*in, *out, o.stats);
    out->finish();
    file.commit();
    if (const auto n = renderer.non_finite(); n > 0)
        std::fprintf(stderr,
                     "preamp-render: warning: %llu samples came out as Inf or NaN and were "
                     "written as full scale (Inf) or silence (NaN)\n",
                     static_cast<unsigned long long>(n));

    if (o.stats) {
        Stats stats;
        stats.rate = rate;
        stats.channel_names = settings.config().jack.channels;
        stats.output_names = o.tap == Tap::sub ? sub_names(out_channels) : stats.channel_names;
        stats.input_format = o.raw ? kRawFloat : OutputFormat::describe(in_format);
        stats.output_format = o.raw ? kRawFloat : OutputFormat::describe(out_format);
        stats.settings = chosen.describe(settings);
        stats.tap = o.tap;
        stats.frames = renderer.frames();
        stats.input = renderer.input_meters();
        stats.output = renderer.output_meters();
        stats.non_finite = renderer.non_finite();
        stats.print(stderr);
    }
}

} // namespace

int main(int argc, char** argv) {
    try {
        const Options o = Options::parse(argc, argv);
        if (o.help) {
            std::fputs(Options::help_text(), stdout);
            return 0;
        }
        if (o.version) {
            std::printf("preamp-render %s\n", PREAMPD_VERSION);
            return 0;
        }
        render(o);
        return 0;
    } catch (const UsageError& e) {
        std::fprintf(stderr,
                     "preamp-render: %s\nTry 'preamp-render --help' for more information.\n",
                     e.what());
        return 2;
    } catch (const Interrupted& e) {
        // The temporary output is gone by now; die as the signal would have killed us.
        std::signal(e.signal(), SIG_DFL);
        std::raise(e.signal());
        return 128 + e.signal();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "preamp-render: %s\n", e.what());
        return 1;
    }
}
