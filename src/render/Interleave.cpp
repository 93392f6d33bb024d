#include "Interleave.hpp"

#include <algorithm>
#include <cstring>

namespace preamp::render {
namespace {

// Four floats (GCC/Clang vector extension): one SSE register on x86-64, one NEON register
// on AArch64, the same source for both; the shuffles become shufps/unpcklps there and
// uzp/zip here. memcpy loads and stores, as the buffers need not be aligned.
typedef float v4f __attribute__((vector_size(16)));

inline v4f load(const float* p) noexcept {
    v4f v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
inline void store(float* p, v4f v) noexcept {
    std::memcpy(p, &v, sizeof v);
}

// Stereo, four frames per step: [L0 R0 L1 R1] [L2 R2 L3 R3] <-> [L0..L3] [R0..R3].
std::size_t split_stereo(const float* x, float* l, float* r, std::size_t frames) noexcept {
    std::size_t i = 0;
    for (; i + 4 <= frames; i += 4) {
        const v4f a = load(x + 2 * i);
        const v4f b = load(x + 2 * i + 4);
        store(l + i, __builtin_shufflevector(a, b, 0, 2, 4, 6));
        store(r + i, __builtin_shufflevector(a, b, 1, 3, 5, 7));
    }
    return i;
}

std::size_t join_stereo(const float* l, const float* r, float* y, std::size_t frames) noexcept {
    std::size_t i = 0;
    for (; i + 4 <= frames; i += 4) {
        const v4f a = load(l + i);
        const v4f b = load(r + i);
        store(y + 2 * i, __builtin_shufflevector(a, b, 0, 4, 1, 5));
        store(y + 2 * i + 4, __builtin_shufflevector(a, b, 2, 6, 3, 7));
    }
    return i;
}

} // namespace

void deinterleave(const float* x, float* const* y, unsigned channels, std::size_t frames) noexcept {
    if (channels == 1) {
        // copy_n, not memcpy: with no frames the pointers may be null (an empty vector's),
        // which memcpy may not be given even for 0 bytes.
        std::copy_n(x, frames, y[0]);
        return;
    }
    std::size_t i = 0;
    if (channels == 2) i = split_stereo(x, y[0], y[1], frames);
    for (unsigned c = 0; c < channels; ++c) {
        float* out = y[c];
        for (std::size_t k = i; k < frames; ++k)
            out[k] = x[k * channels + c];
    }
}

void interleave(const float* const* x, float* y, unsigned channels, std::size_t frames) noexcept {
    if (channels == 1) {
        std::copy_n(x[0], frames, y);
        return;
    }
    std::size_t i = 0;
    if (channels == 2) i = join_stereo(x[0], x[1], y, frames);
    for (unsigned c = 0; c < channels; ++c) {
        const float* in = x[c];
        for (std::size_t k = i; k < frames; ++k)
            y[k * channels + c] = in[k];
    }
}

} // namespace preamp::render
