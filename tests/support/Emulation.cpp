// Whether the test program runs under a user-mode emulator, and what follows for the tests.

#include "Emulation.hpp"

#include <cstdlib>

namespace preamp::test {

const char* emulator() noexcept {
    const char* e = std::getenv("PREAMP_UNDER_EMULATION");
    return e != nullptr && *e != '\0' ? e : nullptr;
}

std::optional<std::string> emulation_skip(const std::string& why) {
    const char* e = emulator();
    if (e == nullptr) return std::nullopt;
    return std::string("under user-mode emulation (PREAMP_UNDER_EMULATION=") + e + "): " + why +
           "; the native builds run it";
}

std::optional<std::string> spinning_threads_skip() {
    return emulation_skip("its threads spin on each other's atomics, which never finishes "
                          "under qemu-user's scheduling");
}

} // namespace preamp::test
