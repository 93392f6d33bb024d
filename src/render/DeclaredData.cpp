// Reads the declared audio length out of WAV, RF64, W64, AIFF and CAF headers.
#include "DeclaredData.hpp"

#include <array>
#include <cstring>
#include <string_view>

namespace preamp::render {
namespace {

using Bytes = const unsigned char*;

std::uint64_t le(Bytes p, int n) {
    std::uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i)
        v = v << 8 | p[i];
    return v;
}

std::uint64_t be(Bytes p, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i)
        v = v << 8 | p[i];
    return v;
}

bool is(Bytes p, std::string_view id) {
    return std::memcmp(p, id.data(), id.size()) == 0;
}

// Exactly n bytes at offset, or false.
template <std::size_t N>
bool get(const ReadAt& read, std::uint64_t offset, std::array<unsigned char, N>& to) {
    return read(offset, to.data(), N) == N;
}

// RIFF, RIFX, RF64 and BW64: 8-byte chunk headers, sizes padded to even.
std::optional<DeclaredData> riff(const ReadAt& read, std::uint64_t size, Bytes head) {
    const bool big = is(head, "RIFX");
    const bool rf64 = is(head, "RF64") || is(head, "BW64");
    const std::uint64_t riff_size = big ? be(head + 4, 4) : le(head + 4, 4);
    std::optional<std::uint64_t> ds64;
    std::array<unsigned char, 8> c{};
    for (std::uint64_t pos = 12; pos + 8 <= size && get(read, pos, c);) {
        const std::uint64_t n = big ? be(c.data() + 4, 4) : le(c.data() + 4, 4);
        const std::uint64_t body = pos + 8;
        if (rf64 && is(c.data(), "ds64")) {
            std::array<unsigned char, 16> d{};
            if (n >= 16 && get(read, body, d)) ds64 = le(d.data() + 8, 8);
        } else if (is(c.data(), "data")) {
            if (rf64 && ds64) return DeclaredData{body, *ds64};
            if (rf64 && n == 0xffffffffu) return std::nullopt; // no ds64: not declared
            if (n == 0 && riff_size == 8) return std::nullopt; // never closed
            return DeclaredData{body, n};
        }
        pos = body + n + (n & 1);
    }
    return std::nullopt;
}

// AIFF and AIFC: big-endian, SSND holds an offset and a block size before the audio.
std::optional<DeclaredData> aiff(const ReadAt& read, std::uint64_t size) {
    std::array<unsigned char, 8> c{};
    for (std::uint64_t pos = 12; pos + 8 <= size && get(read, pos, c);) {
        const std::uint64_t n = be(c.data() + 4, 4);
        const std::uint64_t body = pos + 8;
        if (is(c.data(), "SSND")) {
            std::array<unsigned char, 4> offset{}; // then the block size
            const std::uint64_t skip = 8 + (get(read, body, offset) ? be(offset.data(), 4) : 0);
            return DeclaredData{body + skip, n > skip ? n - skip : 0};
        }
        pos = body + n + (n & 1);
    }
    return std::nullopt;
}

constexpr unsigned char kW64Riff[16] = {'r',  'i',  'f',  'f',  0x2e, 0x91, 0xcf, 0x11,
                                        0xa5, 0xd6, 0x28, 0xdb, 0x04, 0xc1, 0x00, 0x00};
constexpr unsigned char kW64Wave[16] = {'w',  'a',  'v',  'e',  0xf3, 0xac, 0xd3, 0x11,
                                        0x8c, 0xd1, 0x00, 0xc0, 0x4f, 0x8e, 0xdb, 0x8a};
constexpr unsigned char kW64Data[16] = {'d',  'a',  't',  'a',  0xf3, 0xac, 0xd3, 0x11,
                                        0x8c, 0xd1, 0x00, 0xc0, 0x4f, 0x8e, 0xdb, 0x8a};

// Sony Wave64: 16-byte GUIDs, 64-bit sizes that count the 24-byte chunk header,
// chunks aligned to 8 bytes.
std::optional<DeclaredData> w64(const ReadAt& read, std::uint64_t size) {
    std::array<unsigned char, 24> c{};
    for (std::uint64_t pos = 40; pos + 24 <= size && get(read, pos, c);) {
        const std::uint64_t n = le(c.data() + 16, 8);
        if (n < 24) return std::nullopt;
        if (std::memcmp(c.data(), kW64Data, 16) == 0) return DeclaredData{pos + 24, n - 24};
        if (n > size - pos) return std::nullopt;
        pos += (n + 7) & ~std::uint64_t{7};
    }
    return std::nullopt;
}

// CAF: big-endian signed 64-bit sizes; the data chunk starts with a 4-byte edit count,
// and its size is -1 when the writer did not know it.
std::optional<DeclaredData> caf(const ReadAt& read, std::uint64_t size) {
    std::array<unsigned char, 12> c{};
    for (std::uint64_t pos = 8; pos + 12 <= size && get(read, pos, c);) {
        const std::uint64_t n = be(c.data() + 4, 8);
        const std::uint64_t body = pos + 12;
        if (is(c.data(), "data")) {
            if (n == ~std::uint64_t{0}) return std::nullopt;
            return DeclaredData{body + 4, n > 4 ? n - 4 : 0};
        }
        if (n > size - body) return std::nullopt;
        pos = body + n;
    }
    return std::nullopt;
}

} // namespace

std::optional<DeclaredData> declared_data(const ReadAt& read, std::uint64_t file_size) {
    std::array<unsigned char, 40> h{};
    const std::size_t got = read(0, h.data(), h.size());
    if (got < 12) return std::nullopt;
    const Bytes p = h.data();
    if ((is(p, "RIFF") || is(p, "RIFX") || is(p, "RF64") || is(p, "BW64")) && is(p + 8, "WAVE"))
        return riff(read, file_size, p);
    if (is(p, "FORM") && (is(p + 8, "AIFF") || is(p + 8, "AIFC"))) return aiff(read, file_size);
    if (got == h.size() && std::memcmp(p, kW64Riff, 16) == 0 &&
        std::memcmp(p + 24, kW64Wave, 16) == 0)
        return w64(read, file_size);
    if (is(p, "caff")) return caf(read, file_size);
    return std::nullopt;
}

} // namespace preamp::render
