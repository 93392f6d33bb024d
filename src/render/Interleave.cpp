#include "Interleave.hpp"

#include <cstring>

#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

namespace preamp::render {
namespace {

// Stereo, four frames per step: [L0 R0 L1 R1] [L2 R2 L3 R3] <-> [L0..L3] [R0..R3].
std::size_t split_stereo(const float* x, float* l, float* r, std::size_t frames) noexcept {
    std::size_t i = 0;
#if defined(__SSE2__)
    for (; i + 4 <= frames; i += 4) {
        const __m128 a = _mm_loadu_ps(x + 2 * i);
        const __m128 b = _mm_loadu_ps(x + 2 * i + 4);
        _mm_storeu_ps(l + i, _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)));
        _mm_storeu_ps(r + i, _mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1)));
    }
#endif
    return i;
}

std::size_t join_stereo(const float* l, const float* r, float* y, std::size_t frames) noexcept {
    std::size_t i = 0;
#if defined(__SSE2__)
    for (; i + 4 <= frames; i += 4) {
        const __m128 a = _mm_loadu_ps(l + i);
        const __m128 b = _mm_loadu_ps(r + i);
        _mm_storeu_ps(y + 2 * i, _mm_unpacklo_ps(a, b));
        _mm_storeu_ps(y + 2 * i + 4, _mm_unpackhi_ps(a, b));
    }
#endif
    return i;
}

} // namespace

void deinterleave(const float* x, float* const* y, unsigned channels, std::size_t frames) noexcept {
    if (channels == 1) {
        std::memcpy(y[0], x, frames * sizeof(float));
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
        std::memcpy(y, x[0], frames * sizeof(float));
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
