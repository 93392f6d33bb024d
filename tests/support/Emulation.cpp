// Whether the test program runs under a user-mode emulator, and what follows for the tests.

#include "Emulation.hpp"

#include <cstdlib>

namespace preamp::test {

const char* emulator() noexcept {
    const char* e = std::getenv("PREAMP_UNDER_EMULATION");
    return e != nullptr && *e != '\0' ? e : nullptr;
}

std::optional<std::string> spinning_threads_skip() {
    const char* e = emulator();
    if (e == nullptr) return std::nullopt;
    return std::string("under user-mode emulation (PREAMP_UNDER_EMULATION=") + e +
           "): its threads spin on each other's atomics, which never finishes under "
           "qemu-user's scheduling; the native builds run it";
}

} // namespace preamp::test
