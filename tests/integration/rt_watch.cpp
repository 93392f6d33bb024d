// rt_watch.so: LD_PRELOAD it into a JACK client (preampd) to count what the client's
// process callback calls that the real-time rule forbids. The counting is
// tests/support/RtWatch.hpp's, the same as test_realtime's; this adds the JACK side:
//
// - jack_set_process_callback is interposed: whatever function the client registers runs
//   inside an rt::Watch, through a wrapper; only that function is watched, not libjack's
//   own waiting for the next period around it.
// - PREAMP_RT_WATCH_OUT=FILE: where the counts go, as "key value" lines (rt::report, with
//   "callbacks" for the sections) after "pid", "final" (1 for the one written at exit),
//   "registrations" (callbacks wrapped) and "unwatched" (registrations that found no free
//   slot, and run unwatched). A thread of its own rewrites FILE every 100 ms once a callback
//   has been registered, so a test can read it while the client runs; the RT thread never
//   writes it. Each write replaces FILE whole (rename).

#include "RtWatch.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <jack/jack.h>
#include <pthread.h>
#include <string>
#include <time.h>
#include <unistd.h>

namespace {

namespace rt = preamp::test::rt;

// One registration: the client's callback and its argument. Slots are never reused, so a
// slot's callback cannot change while JACK calls it.
struct Registration {
    std::atomic<JackProcessCallback> callback{nullptr};
    std::atomic<void*> arg{nullptr};
};
constexpr std::size_t kSlots = 64;
std::array<Registration, kSlots> registrations;
std::atomic<std::size_t> registered{0};
std::atomic<std::uint64_t> unwatched{0};

// Trivially destructible on purpose: the exit report is written after static destructors.
char out_path[4096];
pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;
bool final_written = false;
pthread_once_t started = PTHREAD_ONCE_INIT;

// RT thread: the client's callback, watched.
int watched(jack_nframes_t frames, void* slot) noexcept {
    auto& r = *static_cast<Registration*>(slot);
    const JackProcessCallback callback = r.callback.load(std::memory_order_acquire);
    rt::Watch watch;
    return callback(frames, r.arg.load(std::memory_order_relaxed));
}

// Not the RT thread: replaces out_path with the report; after the final one, nothing.
void write_report(bool final) {
    if (out_path[0] == '\0') return;
    const std::string text = "pid " + std::to_string(getpid()) + "\nfinal " + (final ? "1" : "0") +
                             "\nregistrations " + std::to_string(registered.load()) +
                             "\nunwatched " + std::to_string(unwatched.load()) + "\n" +
                             rt::report("callbacks");
    const std::string temp = std::string(out_path) + (final ? ".exit" : ".part");
    pthread_mutex_lock(&write_lock);
    if (!final_written) {
        const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        bool ok = fd >= 0;
        for (std::size_t done = 0; ok && done < text.size();) {
            const ssize_t n = write(fd, text.data() + done, text.size() - done);
            ok = n > 0;
            done += ok ? static_cast<std::size_t>(n) : 0;
        }
        if (fd >= 0) close(fd);
        if (ok) ok = rename(temp.c_str(), out_path) == 0;
        if (!ok) std::fprintf(stderr, "rt_watch: cannot write %s: %s\n", out_path, strerror(errno));
        final_written = final;
    }
    pthread_mutex_unlock(&write_lock);
}

void* reporter(void*) {
    const timespec period{0, 100'000'000};
    for (;;) {
        write_report(false);
        nanosleep(&period, nullptr);
    }
}

// At the first registration, on the client's own (non-RT) thread.
void start() {
    rt::prepare();
    const char* path = std::getenv("PREAMP_RT_WATCH_OUT");
    if (path == nullptr || std::strlen(path) >= sizeof out_path) return;
    std::strcpy(out_path, path);
    pthread_t thread{};
    if (pthread_create(&thread, nullptr, reporter, nullptr) == 0) pthread_detach(thread);
}

[[gnu::destructor]] void at_exit() {
    if (registered.load() > 0) write_report(true);
}

} // namespace

extern "C" int jack_set_process_callback(jack_client_t* client, JackProcessCallback callback,
                                         void* arg) {
    using Real = int (*)(jack_client_t*, JackProcessCallback, void*);
    const auto real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "jack_set_process_callback"));
    if (real == nullptr) {
        std::fprintf(stderr, "rt_watch: no jack_set_process_callback after rt_watch.so\n");
        return -1;
    }
    pthread_once(&started, start);
    if (callback == nullptr) return real(client, callback, arg);
    const std::size_t k = registered.fetch_add(1);
    if (k >= kSlots) {
        registered.fetch_sub(1);
        unwatched.fetch_add(1);
        return real(client, callback, arg);
    }
    registrations[k].arg.store(arg, std::memory_order_relaxed);
    registrations[k].callback.store(callback, std::memory_order_release);
    return real(client, &watched, &registrations[k]);
}
