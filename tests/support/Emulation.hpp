#pragma once

#include <optional>
#include <string>

namespace preamp::test {

/// The user-mode emulator this test program runs under, from PREAMP_UNDER_EMULATION,
/// which the exe_wrapper of cross/aarch64-linux-gnu.ini sets to the emulator it runs
/// (/usr/bin/qemu-aarch64-static); nullptr when the variable is unset or empty, as in a
/// native build. A test that starts one of our programs puts it in front: the program is
/// built for the same CPU as the test, and only the emulator can run it.
[[nodiscard]] const char* emulator() noexcept;

/// Why a test whose threads spin on each other's atomics cannot run here: qemu-user
/// schedules the guest's threads so that such a test never finishes (nor does a ten-line
/// program with one thread spinning on an atomic while another writes it). Empty natively.
/// Only these tests skip, saying so; the native builds run them.
[[nodiscard]] std::optional<std::string> spinning_threads_skip();

/// Why a test cannot run here, `why` said after the emulator's name; empty natively.
[[nodiscard]] std::optional<std::string> emulation_skip(const std::string& why);

} // namespace preamp::test
