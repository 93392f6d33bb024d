#include "Interrupted.hpp"

#include <csignal>

namespace preamp::render {
namespace {

// A signal handler can reach nothing else.
volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int sig) {
    g_signal = sig;
}

} // namespace

void Interrupted::catch_signals() {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    // A second signal kills at once: libsndfile retries a read that one interrupted.
    sa.sa_flags = SA_RESETHAND;
    for (int sig : {SIGINT, SIGTERM, SIGHUP})
        sigaction(sig, &sa, nullptr);
}

void Interrupted::check() {
    if (g_signal != 0) throw Interrupted(g_signal);
}

} // namespace preamp::render
