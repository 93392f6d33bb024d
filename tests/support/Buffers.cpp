#include "Buffers.hpp"

namespace preamp::test {

Buffers::Buffers(unsigned sources, unsigned channels, std::uint32_t frames)
    : in(sources * channels, std::vector<float>(frames)), rec(channels, std::vector<float>(frames)),
      pre(channels, std::vector<float>(frames)) {
    for (auto& b : in)
        in_ptrs.push_back(b.data());
    for (auto& b : rec)
        rec_ptrs.push_back(b.data());
    for (auto& b : pre)
        pre_ptrs.push_back(b.data());
}

} // namespace preamp::test
