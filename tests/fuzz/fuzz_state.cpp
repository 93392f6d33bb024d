// fuzz_state: libFuzzer target for the state file parser (core::StateFile::parse, what
// StateFile::read runs on a file's bytes). Any input is either refused with
// StateFileError or parsed; a parsed state written out (StateFile::text) parses again to
// the same text. Seed corpus: tests/fuzz/corpus/state/ (files preampd wrote).
// `./dev fuzz` builds and runs it (tests/fuzz/meson.build).

#include "core/StateFile.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using preamp::core::StateFile;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    preamp::core::State parsed;
    try {
        parsed = StateFile::parse(text, preamp::core::State{}, "fuzz");
    } catch (const preamp::core::StateFileError&) {
        return 0; // refused, as it should be: only this exception may leave parse()
    }
    const std::string written = StateFile::text(parsed);
    const preamp::core::State again = StateFile::parse(written, preamp::core::State{}, "again");
    if (StateFile::text(again) != written) std::abort(); // a save must read back
    return 0;
}
