#include "Buffers.hpp"

#include <algorithm>

namespace preamp::test {

Buffers::Buffers(unsigned sources, unsigned channels, std::uint32_t frames,
                 const dsp::OutputLayout& outputs)
    : in(sources * channels, std::vector<float>(frames)), rec(channels, std::vector<float>(frames)),
      pre(channels, std::vector<float>(frames)),
      sub(outputs.sub_channels, std::vector<float>(frames)),
      speakers((std::max(outputs.speaker_sets, 1u) - 1) * channels, std::vector<float>(frames)) {
    for (auto& b : in)
        in_ptrs.push_back(b.data());
    for (auto& b : rec)
        rec_ptrs.push_back(b.data());
    for (auto& b : pre)
        pre_ptrs.push_back(b.data());
    for (auto& b : sub)
        sub_ptrs.push_back(b.data());
    for (auto& b : speakers)
        speaker_ptrs.push_back(b.data());
}

} // namespace preamp::test
