#pragma once

#include "Options.hpp"
#include "dsp/Meters.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace preamp::render {

/// The summary --stats prints after a render: what was rendered, with which settings,
/// per channel the input and output peak, RMS (dBFS) and samples beyond full scale (which
/// an integer output clips to full scale and a float one keeps), and how many samples
/// were not finite and replaced. An output whose channels are not the input's (the sub
/// output) gets rows of its own.
struct Stats {
    unsigned rate = 0;
    std::vector<std::string> channel_names; ///< the input's
    std::vector<std::string> output_names;  ///< the output's: channel_names but for sub
    std::string input_format;               ///< "raw float32", "WAV (Microsoft), Signed 16 bit PCM"
    std::string output_format;
    std::string settings; ///< RenderSettings::describe()
    Tap tap = Tap::pre;
    std::uint64_t frames = 0;
    std::array<dsp::ChannelMeter, dsp::kMaxChannels> input{};
    std::array<dsp::ChannelMeter, dsp::kMaxChannels> output{}; ///< as written
    std::uint64_t non_finite = 0;                              ///< Inf or NaN samples replaced

    void print(std::FILE* to) const;
};

} // namespace preamp::render
