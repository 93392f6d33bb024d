#pragma once

#include "jack/Session.hpp"

#include <cstdint>
#include <vector>

namespace preamp::daemon {

/// Hands the connections remembered to the process reexec() starts, in its environment
/// (PREAMPD_INHERITED_LINKS: "OURS\tPEER\n" a connection): nothing made in a patchbay
/// is lost by starting anew.
/// The xruns counted so far go along too (PREAMPD_INHERITED_XRUNS): Xruns counts since
/// the daemon started, and starting anew is no start for the user.
void hand_over(const std::vector<jack::Link>& links, std::uint64_t xruns);
/// What a previous process handed over; removes it from the environment.
[[nodiscard]] std::vector<jack::Link> taken_over();
[[nodiscard]] std::uint64_t xruns_taken_over();

/// Replaces this process with a fresh preampd, same PID, same arguments and environment:
/// what is left when libjack hangs for good (Instance::restart()). Every descriptor but
/// 0, 1 and 2 closes (libjack's sockets, the bus connection: the new process takes the
/// name again), and the signals main blocked are unblocked again. Returns only if exec
/// fails, having logged why.
void reexec(char** argv) noexcept;

} // namespace preamp::daemon
