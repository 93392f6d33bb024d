#pragma once

#include "dsp/Engine.hpp"

#include <cstdint>
#include <vector>

namespace preamp::test {

/// One period's planar buffers for every input, rec_out, pre_out, sub_out and speaker
/// set channel, laid out as dsp::EngineIo wants them (inputs source-major).
struct Buffers {
    std::vector<std::vector<float>> in, rec, pre, sub, speakers;
    std::vector<const float*> in_ptrs;
    std::vector<float*> rec_ptrs, pre_ptrs, sub_ptrs, speaker_ptrs;

    Buffers(unsigned sources, unsigned channels, std::uint32_t frames,
            const dsp::OutputLayout& outputs = {});
    [[nodiscard]] dsp::EngineIo io() const {
        return {in_ptrs.data(), rec_ptrs.data(), pre_ptrs.data(), sub_ptrs.data(),
                speaker_ptrs.data()};
    }
};

} // namespace preamp::test
