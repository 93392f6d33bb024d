// preamp-render's (de)interleaving, whose stereo path is vector code (SSE on x86-64, NEON
// on AArch64): every sample lands where it belongs, bit for bit, for every channel count
// and for frame counts that do and do not fill a whole vector step.

#include "render/Interleave.hpp"

#include <cstdint>
#include <cstring>
#include <gtest/gtest.h>
#include <vector>

namespace {

// A value no other (frame, channel) has, and a bit pattern a conversion would change.
float sample(std::size_t frame, unsigned channel) {
    const std::uint32_t bits = 0x3f000000u + static_cast<std::uint32_t>(frame * 16 + channel);
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

} // namespace

TEST(Interleave, EverySampleGoesToItsChannelAndBack) {
    for (unsigned channels = 1; channels <= 8; ++channels)
        for (std::size_t frames : {0u, 1u, 3u, 4u, 5u, 8u, 13u, 1024u, 1027u}) {
            std::vector<float> x(frames * channels);
            for (std::size_t i = 0; i < frames; ++i)
                for (unsigned c = 0; c < channels; ++c)
                    x[i * channels + c] = sample(i, c);

            std::vector<std::vector<float>> planes(channels, std::vector<float>(frames, -1.0f));
            std::vector<float*> y;
            for (auto& p : planes)
                y.push_back(p.data());
            preamp::render::deinterleave(x.data(), y.data(), channels, frames);
            for (unsigned c = 0; c < channels; ++c)
                for (std::size_t i = 0; i < frames; ++i)
                    ASSERT_EQ(std::memcmp(&planes[c][i], &x[i * channels + c], sizeof(float)), 0)
                        << channels << " channels, " << frames << " frames: frame " << i
                        << ", channel " << c;

            std::vector<const float*> in(y.begin(), y.end());
            std::vector<float> back(frames * channels, -1.0f);
            preamp::render::interleave(in.data(), back.data(), channels, frames);
            // Bit for bit, as bytes (memcmp may not be given an empty vector's null).
            const auto bytes = [](const std::vector<float>& v) {
                std::vector<unsigned char> b(v.size() * sizeof(float));
                if (!v.empty()) std::memcpy(b.data(), v.data(), b.size());
                return b;
            };
            EXPECT_EQ(bytes(back), bytes(x)) << channels << " channels, " << frames << " frames";
        }
}
