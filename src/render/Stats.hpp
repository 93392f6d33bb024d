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
/// and per channel the input and output peak, RMS (dBFS) and samples beyond full scale.
struct Stats {
    unsigned rate = 0;
    std::vector<std::string> channel_names;
    std::string input_format; ///< "raw float32", "WAV (Microsoft), Signed 16 bit PCM"
    std::string output_format;
    std::string settings; ///< RenderSettings::describe()
    Tap tap = Tap::pre;
    std::array<dsp::ChannelMeter, dsp::kMaxChannels> input{};
    dsp::Meters output{};

    void print(std::FILE* to) const;
};

} // namespace preamp::render
