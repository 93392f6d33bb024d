// rt_misbehave SERVER [MISDEED...]: a JACK client on SERVER whose process callback does,
// every period, what the real-time rule forbids: `alloc` (operator new[] and delete[]),
// `lock` (a std::mutex), `write` (a byte to /dev/null), `sleep` (usleep(0)). With none it
// only counts its periods. The control of the rt_daemon test: under rt_watch.so its
// misdeeds must be counted, and nothing else. Prints "active" once activated;
// ends on SIGTERM or SIGINT (closing its client), exit status 0; 1 if JACK failed, 2 for
// a usage error.

#include "JackClient.hpp"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <pthread.h>
#include <string>
#include <unistd.h>

namespace {

struct Misbehaviour {
    bool alloc = false, lock = false, write = false, sleep = false;
    int devnull = -1;
    std::mutex mutex;
    std::atomic<float*> kept{nullptr}; // so that the compiler cannot drop the allocation
    std::atomic<unsigned long> periods{0};

    // RT thread, and it breaks the rules on purpose. Like preampd's, it keeps the thread
    // from being cancelled while it works, which is allowed (no syscall).
    static int process(jack_nframes_t, void* self) noexcept {
        auto& m = *static_cast<Misbehaviour*>(self);
        int cancel_state = 0;
        pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel_state);
        if (m.alloc) {
            m.kept.store(new float[64]);
            delete[] m.kept.exchange(nullptr);
        }
        if (m.lock) std::lock_guard guard(m.mutex);
        if (m.write) {
            // Kept, not checked: with _FORTIFY_SOURCE glibc marks write() warn_unused_result,
            // and GCC does not take a cast to void for a use.
            [[maybe_unused]] const ssize_t written = ::write(m.devnull, "x", 1);
        }
        if (m.sleep) ::usleep(0);
        m.periods.fetch_add(1, std::memory_order_relaxed);
        pthread_setcancelstate(cancel_state, nullptr);
        return 0;
    }
};

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: rt_misbehave SERVER [alloc|lock|write|sleep...]\n");
        return 2;
    }
    Misbehaviour m;
    for (int i = 2; i < argc; ++i) {
        const std::string what = argv[i];
        bool* flag = what == "alloc"   ? &m.alloc
                     : what == "lock"  ? &m.lock
                     : what == "write" ? &m.write
                     : what == "sleep" ? &m.sleep
                                       : nullptr;
        if (flag == nullptr) {
            std::fprintf(stderr, "rt_misbehave: unknown misdeed \"%s\"\n", argv[i]);
            return 2;
        }
        *flag = true;
    }
    m.devnull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);

    // Blocked before JACK starts its threads, so that they inherit the mask and the
    // signals wait for sigwait below.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);

    jack_status_t status{};
    const preamp::test::JackClient client =
        preamp::test::open_jack_client(argv[1], "misbehave", &status);
    if (!client) {
        std::fprintf(stderr, "rt_misbehave: cannot open a client on \"%s\" (status 0x%x)\n",
                     argv[1], static_cast<unsigned>(status));
        return 1;
    }
    jack_set_process_callback(client.get(), &Misbehaviour::process, &m);
    if (jack_activate(client.get()) != 0) {
        std::fprintf(stderr, "rt_misbehave: cannot activate\n");
        return 1;
    }
    std::printf("active\n");
    std::fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    jack_deactivate(client.get());
    std::printf("stopped after %lu periods\n", m.periods.load());
    return 0;
}
