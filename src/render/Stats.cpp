#include "Stats.hpp"

#include "core/MeterExchange.hpp"

#include <cmath>

namespace preamp::render {
namespace {

double rms_dbfs(const dsp::ChannelMeter& m, std::uint64_t frames) {
    return frames == 0 ? core::to_dbfs(0.0)
                       : core::to_dbfs(std::sqrt(m.sum_squares / static_cast<double>(frames)));
}

} // namespace

void Stats::print(std::FILE* to) const {
    const auto channels = channel_names.size();
    std::fprintf(to, "preamp-render: %llu frames (%.3f s) at %u Hz, %zu channel%s\n",
                 static_cast<unsigned long long>(frames),
                 static_cast<double>(frames) / static_cast<double>(rate), rate, channels,
                 channels == 1 ? "" : "s");
    std::fprintf(to, "  in:  %s\n  out: %s, the %s output\n", input_format.c_str(),
                 output_format.c_str(), tap_name(tap));
    std::fprintf(to, "  settings: %s\n", settings.c_str());
    std::fprintf(to, "  %-9s %12s %12s %9s %12s %12s %9s\n", "channel", "in peak", "in RMS",
                 "in clips", "out peak", "out RMS", "out clips");
    const auto in_row = [&](std::size_t c) {
        std::fprintf(to, "  %-9s %8.2f dBFS %7.2f dBFS %9llu", channel_names[c].c_str(),
                     core::to_dbfs(static_cast<double>(input[c].peak)), rms_dbfs(input[c], frames),
                     static_cast<unsigned long long>(input[c].clips));
    };
    const auto out_columns = [&](std::size_t c) {
        std::fprintf(to, " %8.2f dBFS %7.2f dBFS %9llu\n",
                     core::to_dbfs(static_cast<double>(output[c].peak)),
                     rms_dbfs(output[c], frames), static_cast<unsigned long long>(output[c].clips));
    };
    if (output_names == channel_names) {
        for (std::size_t c = 0; c < channels; ++c) {
            in_row(c);
            out_columns(c);
        }
    } else {
        // The input's rows, then the output's, each with the other's columns blank.
        for (std::size_t c = 0; c < channels; ++c) {
            in_row(c);
            std::fputc('\n', to);
        }
        for (std::size_t c = 0; c < output_names.size(); ++c) {
            std::fprintf(to, "  %-9s %12s %12s %9s", output_names[c].c_str(), "", "", "");
            out_columns(c);
        }
    }
    std::fprintf(to, "  non-finite samples replaced: %llu\n",
                 static_cast<unsigned long long>(non_finite));
}

} // namespace preamp::render
