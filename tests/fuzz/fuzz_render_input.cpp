// libFuzzer target: preamp-render's readers on arbitrary bytes. The first byte chooses
// the reader (sound file through libsndfile and the header check of DeclaredData, or raw
// float32 with 1 to 8 channels) and --partial; the rest is the file, read to its end.
// `./dev fuzz` builds and runs it (tests/fuzz/meson.build).

#include "core/UniqueFd.hpp"
#include "render/Errors.hpp"
#include "render/RawReader.hpp"
#include "render/SndfileReader.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

using namespace preamp::render;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return -1;
    const std::uint8_t how = data[0];
    const preamp::core::UniqueFd fd(::memfd_create("fuzz_render_input", MFD_CLOEXEC));
    if (!fd || ::write(fd.get(), data + 1, size - 1) != static_cast<ssize_t>(size - 1)) return 0;
    const std::string path = "/proc/self/fd/" + std::to_string(fd.get());
    try {
        std::unique_ptr<AudioReader> in;
        if (how & 1)
            in = std::make_unique<RawReader>(path, 1 + (how >> 1 & 7), 48000);
        else
            in = std::make_unique<SndfileReader>(path, (how & 2) != 0);
        std::array<float, 4096> block{};
        const std::size_t frames = block.size() / in->channels();
        while (in->read(block.data(), frames) > 0) {
        }
    } catch (const RenderError&) {
    }
    return 0;
}
