// The functions of RtWatch.hpp's list, defined for the whole process: each counts the
// call (rt::note) and forwards it. The allocator's go to glibc's __libc_* entry points,
// which need no lookup (dlsym itself may call calloc); the rest to the next definition
// (dlsym RTLD_NEXT), looked up by rt::prepare() before anything is watched.
//
// glibc routes its own internal calls to malloc through these, but not its internal
// write()s (stdio, eventfd_write …), which is why those have counters of their own.
//
// Code built with _FORTIFY_SOURCE (a distribution's build: Debian's dpkg-buildflags,
// Ubuntu's GCC by default) calls glibc's checking variants instead of some of them:
// printf becomes __printf_chk, read __read_chk, and so on. Those are defined here too,
// counted under the plain function's name and forwarded to glibc's own.

// Fortified builds turn read() and friends into inline wrappers, which cannot be redefined.
#undef _FORTIFY_SOURCE

#include "RtWatch.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <dlfcn.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#ifdef PREAMP_RT_WATCH_OFF

void preamp::test::rt::resolve_forwards() {}

#else

namespace preamp::test::rt {
namespace {

std::array<std::atomic<void*>, kCalls> forwards{};

// The next definition of `call`'s function; looked up once.
void* next(Call call) noexcept {
    auto& slot = forwards[static_cast<unsigned>(call)];
    void* f = slot.load(std::memory_order_relaxed);
    if (f == nullptr) {
        f = dlsym(RTLD_NEXT, name(call));
        slot.store(f, std::memory_order_relaxed);
    }
    return f;
}

template <class F>
F next_as(Call call) noexcept {
    return reinterpret_cast<F>(next(call));
}

// glibc's checking variants that the fortified entry points below forward to.
enum class Chk : unsigned { read, recv, poll, ppoll, vfprintf, count };
constexpr std::array<const char*, static_cast<unsigned>(Chk::count)> kChkNames = {
    "__read_chk", "__recv_chk", "__poll_chk", "__ppoll_chk", "__vfprintf_chk"};
std::array<std::atomic<void*>, static_cast<unsigned>(Chk::count)> chk_forwards{};

template <class F>
F next_chk(Chk chk) noexcept {
    auto& slot = chk_forwards[static_cast<unsigned>(chk)];
    void* f = slot.load(std::memory_order_relaxed);
    if (f == nullptr) {
        f = dlsym(RTLD_NEXT, kChkNames[static_cast<unsigned>(chk)]);
        slot.store(f, std::memory_order_relaxed);
    }
    return reinterpret_cast<F>(f);
}

// The list starts with the allocator's functions, which forward to __libc_*.
bool is_allocator(Call c) {
    return c <= Call::pvalloc;
}

} // namespace

void resolve_forwards() {
    for (unsigned k = 0; k < kCalls; ++k)
        if (!is_allocator(static_cast<Call>(k))) (void)next(static_cast<Call>(k));
    for (unsigned k = 0; k < static_cast<unsigned>(Chk::count); ++k)
        (void)next_chk<void*>(static_cast<Chk>(k));
}

} // namespace preamp::test::rt

using preamp::test::rt::Call;
using preamp::test::rt::note;

extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void* __libc_memalign(size_t, size_t);
void* __libc_valloc(size_t);
void* __libc_pvalloc(size_t);
void __libc_free(void*);

void* malloc(size_t n) {
    note(Call::malloc);
    return __libc_malloc(n);
}
void* calloc(size_t n, size_t size) {
    note(Call::calloc);
    return __libc_calloc(n, size);
}
void* realloc(void* p, size_t n) {
    note(Call::realloc);
    return __libc_realloc(p, n);
}
void* reallocarray(void* p, size_t n, size_t size) {
    note(Call::reallocarray);
    size_t bytes = 0;
    if (__builtin_mul_overflow(n, size, &bytes)) {
        errno = ENOMEM;
        return nullptr;
    }
    return __libc_realloc(p, bytes);
}
void free(void* p) {
    if (p != nullptr) note(Call::free);
    __libc_free(p);
}
void* aligned_alloc(size_t alignment, size_t n) {
    note(Call::aligned_alloc);
    return __libc_memalign(alignment, n);
}
void* memalign(size_t alignment, size_t n) {
    note(Call::memalign);
    return __libc_memalign(alignment, n);
}
int posix_memalign(void** p, size_t alignment, size_t n) {
    note(Call::posix_memalign);
    if (alignment % sizeof(void*) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    void* q = __libc_memalign(alignment, n);
    if (q == nullptr) return ENOMEM;
    *p = q;
    return 0;
}
void* valloc(size_t n) {
    note(Call::valloc);
    return __libc_valloc(n);
}
void* pvalloc(size_t n) {
    note(Call::pvalloc);
    return __libc_pvalloc(n);
}

#define PREAMP_RT_FORWARD(ret, fn, params, args)                                                   \
    ret fn params {                                                                                \
        note(Call::fn);                                                                            \
        return preamp::test::rt::next_as<ret(*) params>(Call::fn) args;                            \
    }
PREAMP_RT_FORWARD(int, pthread_mutex_lock, (pthread_mutex_t * m), (m))
PREAMP_RT_FORWARD(int, pthread_mutex_trylock, (pthread_mutex_t * m), (m))
PREAMP_RT_FORWARD(int, pthread_mutex_timedlock, (pthread_mutex_t * m, const timespec* t), (m, t))
PREAMP_RT_FORWARD(int, pthread_rwlock_rdlock, (pthread_rwlock_t * l), (l))
PREAMP_RT_FORWARD(int, pthread_rwlock_wrlock, (pthread_rwlock_t * l), (l))
PREAMP_RT_FORWARD(int, pthread_spin_lock, (pthread_spinlock_t * l), (l))
PREAMP_RT_FORWARD(int, pthread_cond_wait, (pthread_cond_t * c, pthread_mutex_t* m), (c, m))
PREAMP_RT_FORWARD(int, pthread_cond_timedwait,
                  (pthread_cond_t * c, pthread_mutex_t* m, const timespec* t), (c, m, t))
PREAMP_RT_FORWARD(int, pthread_cond_clockwait,
                  (pthread_cond_t * c, pthread_mutex_t* m, clockid_t k, const timespec* t),
                  (c, m, k, t))
PREAMP_RT_FORWARD(int, pthread_cond_signal, (pthread_cond_t * c), (c))
PREAMP_RT_FORWARD(int, pthread_cond_broadcast, (pthread_cond_t * c), (c))
PREAMP_RT_FORWARD(int, pthread_join, (pthread_t t, void** r), (t, r))
PREAMP_RT_FORWARD(int, sem_wait, (sem_t * s), (s))
PREAMP_RT_FORWARD(int, sem_timedwait, (sem_t * s, const timespec* t), (s, t))
PREAMP_RT_FORWARD(int, sem_clockwait, (sem_t * s, clockid_t k, const timespec* t), (s, k, t))
PREAMP_RT_FORWARD(int, sem_post, (sem_t * s), (s))
PREAMP_RT_FORWARD(int, nanosleep, (const timespec* t, timespec* left), (t, left))
PREAMP_RT_FORWARD(int, clock_nanosleep, (clockid_t k, int f, const timespec* t, timespec* left),
                  (k, f, t, left))
PREAMP_RT_FORWARD(int, usleep, (useconds_t us), (us))
PREAMP_RT_FORWARD(unsigned, sleep, (unsigned s), (s))
PREAMP_RT_FORWARD(int, sched_yield, (), ())
PREAMP_RT_FORWARD(ssize_t, read, (int fd, void* b, size_t n), (fd, b, n))
PREAMP_RT_FORWARD(ssize_t, write, (int fd, const void* b, size_t n), (fd, b, n))
PREAMP_RT_FORWARD(ssize_t, readv, (int fd, const iovec* v, int n), (fd, v, n))
PREAMP_RT_FORWARD(ssize_t, writev, (int fd, const iovec* v, int n), (fd, v, n))
PREAMP_RT_FORWARD(int, poll, (pollfd * p, nfds_t n, int ms), (p, n, ms))
PREAMP_RT_FORWARD(int, ppoll, (pollfd * p, nfds_t n, const timespec* t, const sigset_t* m),
                  (p, n, t, m))
PREAMP_RT_FORWARD(int, select, (int n, fd_set* r, fd_set* w, fd_set* e, timeval* t),
                  (n, r, w, e, t))
PREAMP_RT_FORWARD(int, epoll_wait, (int fd, epoll_event* e, int n, int ms), (fd, e, n, ms))
PREAMP_RT_FORWARD(int, epoll_pwait, (int fd, epoll_event* e, int n, int ms, const sigset_t* m),
                  (fd, e, n, ms, m))
PREAMP_RT_FORWARD(ssize_t, send, (int fd, const void* b, size_t n, int f), (fd, b, n, f))
PREAMP_RT_FORWARD(ssize_t, sendmsg, (int fd, const msghdr* m, int f), (fd, m, f))
PREAMP_RT_FORWARD(ssize_t, recv, (int fd, void* b, size_t n, int f), (fd, b, n, f))
PREAMP_RT_FORWARD(ssize_t, recvmsg, (int fd, msghdr* m, int f), (fd, m, f))
PREAMP_RT_FORWARD(int, eventfd_read, (int fd, eventfd_t* v), (fd, v))
PREAMP_RT_FORWARD(int, eventfd_write, (int fd, eventfd_t v), (fd, v))
PREAMP_RT_FORWARD(size_t, fwrite, (const void* b, size_t size, size_t n, FILE* f), (b, size, n, f))
PREAMP_RT_FORWARD(int, fputs, (const char* s, FILE* f), (s, f))
PREAMP_RT_FORWARD(int, puts, (const char* s), (s))
PREAMP_RT_FORWARD(int, fputc, (int c, FILE* f), (c, f))
PREAMP_RT_FORWARD(int, putc, (int c, FILE* f), (c, f))
PREAMP_RT_FORWARD(int, fflush, (FILE * f), (f))
PREAMP_RT_FORWARD(int, vfprintf, (FILE * f, const char* format, va_list a), (f, format, a))
#undef PREAMP_RT_FORWARD

// The variadic ones forward to the next vfprintf and syscall.
int fprintf(FILE* f, const char* format, ...) {
    note(Call::fprintf);
    va_list a;
    va_start(a, format);
    const int r = preamp::test::rt::next_as<int (*)(FILE*, const char*, va_list)>(Call::vfprintf)(
        f, format, a);
    va_end(a);
    return r;
}
int printf(const char* format, ...) {
    note(Call::printf);
    va_list a;
    va_start(a, format);
    const int r = preamp::test::rt::next_as<int (*)(FILE*, const char*, va_list)>(Call::vfprintf)(
        stdout, format, a);
    va_end(a);
    return r;
}

// The fortified variants (bits/unistd.h, bits/socket2.h, bits/poll2.h, bits/stdio2.h).
ssize_t __read_chk(int fd, void* b, size_t n, size_t size) {
    note(Call::read);
    return preamp::test::rt::next_chk<ssize_t (*)(int, void*, size_t, size_t)>(
        preamp::test::rt::Chk::read)(fd, b, n, size);
}
ssize_t __recv_chk(int fd, void* b, size_t n, size_t size, int f) {
    note(Call::recv);
    return preamp::test::rt::next_chk<ssize_t (*)(int, void*, size_t, size_t, int)>(
        preamp::test::rt::Chk::recv)(fd, b, n, size, f);
}
int __poll_chk(pollfd* p, nfds_t n, int ms, size_t size) {
    note(Call::poll);
    return preamp::test::rt::next_chk<int (*)(pollfd*, nfds_t, int, size_t)>(
        preamp::test::rt::Chk::poll)(p, n, ms, size);
}
int __ppoll_chk(pollfd* p, nfds_t n, const timespec* t, const sigset_t* m, size_t size) {
    note(Call::ppoll);
    return preamp::test::rt::next_chk<int (*)(pollfd*, nfds_t, const timespec*, const sigset_t*,
                                              size_t)>(preamp::test::rt::Chk::ppoll)(p, n, t, m,
                                                                                     size);
}
int __vfprintf_chk(FILE* f, int flag, const char* format, va_list a) {
    note(Call::vfprintf);
    return preamp::test::rt::next_chk<int (*)(FILE*, int, const char*, va_list)>(
        preamp::test::rt::Chk::vfprintf)(f, flag, format, a);
}
int __fprintf_chk(FILE* f, int flag, const char* format, ...) {
    note(Call::fprintf);
    va_list a;
    va_start(a, format);
    const int r = preamp::test::rt::next_chk<int (*)(FILE*, int, const char*, va_list)>(
        preamp::test::rt::Chk::vfprintf)(f, flag, format, a);
    va_end(a);
    return r;
}
int __printf_chk(int flag, const char* format, ...) {
    note(Call::printf);
    va_list a;
    va_start(a, format);
    const int r = preamp::test::rt::next_chk<int (*)(FILE*, int, const char*, va_list)>(
        preamp::test::rt::Chk::vfprintf)(stdout, flag, format, a);
    va_end(a);
    return r;
}
// A system call takes at most six register-sized arguments; passing six is always safe.
long syscall(long number, ...) {
    note(Call::syscall);
    va_list a;
    va_start(a, number);
    long arg[6];
    for (long& x : arg)
        x = va_arg(a, long);
    va_end(a);
    return preamp::test::rt::next_as<long (*)(long, ...)>(Call::syscall)(
        number, arg[0], arg[1], arg[2], arg[3], arg[4], arg[5]);
}
}

#endif
