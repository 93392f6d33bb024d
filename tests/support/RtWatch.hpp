#pragma once

// The real-time rule, counted: what a watched section of a thread may never call, and how
// often it did. RtInterposers.cpp defines those functions (malloc, pthread_mutex_lock,
// write, syscall, …) for the whole process and counts each call made on a thread while it
// is inside a Watch. Linked into a test program (tests/unit/test_realtime.cpp) it watches
// that program; linked into tests/integration/rt_watch.so and LD_PRELOADed, it watches
// another program's JACK process callback.

#include <cstdint>
#include <string>

namespace preamp::test::rt {

/// Every interposed function, one counter each: allocation, locking and waiting,
/// sleeping, I/O (stdio too: glibc's stdio writes without going through write()), and
/// syscall() (futex and the like). operator new and delete are covered: libstdc++'s go
/// through malloc, aligned_alloc and free. The allocator's come first, up to pvalloc.
// clang-format off
#define PREAMP_RT_CALLS(X)                                                                         \
    X(malloc) X(calloc) X(realloc) X(reallocarray) X(free) X(aligned_alloc) X(memalign)            \
    X(posix_memalign) X(valloc) X(pvalloc)                                                         \
    X(pthread_mutex_lock) X(pthread_mutex_trylock) X(pthread_mutex_timedlock)                      \
    X(pthread_rwlock_rdlock) X(pthread_rwlock_wrlock) X(pthread_spin_lock)                         \
    X(pthread_cond_wait) X(pthread_cond_timedwait) X(pthread_cond_clockwait)                       \
    X(pthread_cond_signal) X(pthread_cond_broadcast) X(pthread_join)                               \
    X(sem_wait) X(sem_timedwait) X(sem_clockwait) X(sem_post)                                      \
    X(nanosleep) X(clock_nanosleep) X(usleep) X(sleep) X(sched_yield)                              \
    X(read) X(write) X(readv) X(writev) X(poll) X(ppoll) X(select) X(epoll_wait) X(epoll_pwait)    \
    X(send) X(sendmsg) X(recv) X(recvmsg) X(eventfd_read) X(eventfd_write)                         \
    X(fwrite) X(fputs) X(puts) X(fputc) X(putc) X(fflush) X(fprintf) X(printf) X(vfprintf)         \
    X(syscall)
// clang-format on

#define PREAMP_RT_ENUMERATOR(name) name,
/// One forbidden function.
enum class Call : unsigned { PREAMP_RT_CALLS(PREAMP_RT_ENUMERATOR) count };
#undef PREAMP_RT_ENUMERATOR

inline constexpr unsigned kCalls = static_cast<unsigned>(Call::count);

/// Marks the calling thread as inside a real-time section while it lives; counts the
/// sections entered. Any thread; lock-free, no allocation, no syscall.
class Watch {
public:
    Watch() noexcept;
    ~Watch();
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;

private:
    bool outer_;
};

/// Why counting cannot work in this build (a sanitizer replaces malloc and the blocking
/// calls with its own), or nullptr when it does. Tests skip with this reason.
[[nodiscard]] const char* unavailable() noexcept;

/// Resolves every forwarded function and loads what the first stack capture needs, so
/// that nothing is looked up lazily inside a watched section. Call it from an unwatched
/// thread before the first Watch; calling it again does nothing.
void prepare();

/// Called by every interposed function: counts `call` if this thread is being watched.
/// The first call counted also records its stack.
void note(Call call) noexcept;
/// Defined by RtInterposers.cpp: looks up (dlsym RTLD_NEXT) every function it forwards
/// to. prepare() calls it; a function not looked up yet is looked up at its first call.
void resolve_forwards();

/// Calls to `call` counted so far; all kinds together; sections entered.
[[nodiscard]] std::uint64_t count(Call call) noexcept;
[[nodiscard]] std::uint64_t forbidden() noexcept;
[[nodiscard]] std::uint64_t sections() noexcept;
/// The function's name, e.g. "pthread_mutex_lock".
[[nodiscard]] const char* name(Call call) noexcept;
/// Zeroes the counters and forgets the first offence, so that it can be caught again.
/// Only while no thread is watched.
void reset() noexcept;

/// The counters as "key value" lines: "<sections_key> N", "forbidden N", one line per
/// function ("malloc 0", …), and, once something was counted, "first CALL" and the stack
/// of that first offence, "stack K FRAME" (object, symbol and offset of each frame). Not
/// for a watched thread (it allocates).
[[nodiscard]] std::string report(const char* sections_key = "sections");

} // namespace preamp::test::rt
