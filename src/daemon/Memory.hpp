#pragma once

namespace preamp::daemon {

/// Locks the process's memory, now and to come (mlockall), so that the process
/// callback never waits for a page fault — when it is allowed: as root (CAP_IPC_LOCK)
/// or with no RLIMIT_MEMLOCK (the unit's LimitMEMLOCK=infinity). Under a finite limit
/// MCL_FUTURE would make later allocations fail once it is reached, so then nothing is
/// locked, and the log says so once. Main thread, before any other thread starts.
void lock_memory();

} // namespace preamp::daemon
