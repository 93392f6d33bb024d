#pragma once

namespace preamp::daemon {

/// Replaces this process with a fresh preampd, same PID, same arguments and environment:
/// what is left when libjack hangs for good (Instance::restart()). Every descriptor but
/// 0, 1 and 2 closes (libjack's sockets, the bus connection: the new process takes the
/// name again), and the signals main blocked are unblocked again. Returns only if exec
/// fails, having logged why.
void reexec(char** argv) noexcept;

} // namespace preamp::daemon
