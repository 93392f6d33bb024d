// Proof of the real-time rule: while another thread storms it with new parameter
// snapshots, the RT side (TripleBuffer::read, MeterExchange, Engine::process) never
// allocates, frees, locks or enters the common blocking/syscall wrappers. The test
// binary interposes those functions and counts calls made on the watched thread while
// it is inside the RT section.

#include "Buffers.hpp"
#include "core/EngineParams.hpp"
#include "core/MeterExchange.hpp"
#include "core/Settings.hpp"
#include "core/TripleBuffer.hpp"
#include "dsp/Engine.hpp"

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <mutex>
#include <pthread.h>
#include <random>
#include <semaphore.h>
#include <thread>
#include <time.h>
#include <unistd.h>
#include <vector>

namespace {

thread_local bool watching = false;
std::atomic<long> forbidden_calls{0};

void note() {
    if (watching) forbidden_calls.fetch_add(1, std::memory_order_relaxed);
}

template <class F>
F next(const char* name) {
    return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

// Counts calls made inside a watched section.
struct Watch {
    Watch() { watching = true; }
    ~Watch() { watching = false; }
};

} // namespace

extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void* __libc_memalign(size_t, size_t);
void __libc_free(void*);

void* malloc(size_t n) {
    note();
    return __libc_malloc(n);
}
void* calloc(size_t n, size_t m) {
    note();
    return __libc_calloc(n, m);
}
void* realloc(void* p, size_t n) {
    note();
    return __libc_realloc(p, n);
}
void free(void* p) {
    if (p != nullptr) note();
    __libc_free(p);
}
void* aligned_alloc(size_t a, size_t n) {
    note();
    return __libc_memalign(a, n);
}
void* memalign(size_t a, size_t n) {
    note();
    return __libc_memalign(a, n);
}
int posix_memalign(void** p, size_t a, size_t n) {
    note();
    *p = __libc_memalign(a, n);
    return *p != nullptr ? 0 : ENOMEM;
}

#define PREAMP_COUNTED(ret, name, params, args)                                                    \
    ret name params {                                                                              \
        note();                                                                                    \
        static const auto real = next<ret(*) params>(#name);                                       \
        return real args;                                                                          \
    }
PREAMP_COUNTED(int, pthread_mutex_lock, (pthread_mutex_t * m), (m))
PREAMP_COUNTED(int, pthread_mutex_trylock, (pthread_mutex_t * m), (m))
PREAMP_COUNTED(int, pthread_cond_wait, (pthread_cond_t * c, pthread_mutex_t* m), (c, m))
PREAMP_COUNTED(int, sem_wait, (sem_t * s), (s))
PREAMP_COUNTED(ssize_t, write, (int fd, const void* b, size_t n), (fd, b, n))
PREAMP_COUNTED(ssize_t, read, (int fd, void* b, size_t n), (fd, b, n))
PREAMP_COUNTED(int, nanosleep, (const struct timespec* a, struct timespec* b), (a, b))
PREAMP_COUNTED(int, sched_yield, (), ())
#undef PREAMP_COUNTED
}

namespace {

using namespace preamp;

// Resolve every lazily looked-up symbol before anything is watched.
void warm_up() {
    std::mutex m;
    m.lock();
    m.unlock();
    (void)write(-1, nullptr, 0);
    (void)read(-1, nullptr, 0);
    sched_yield();
}

} // namespace

TEST(Realtime, TheCountersSeeWhatTheyWatch) {
    warm_up();
    forbidden_calls = 0;
    {
        Watch w;
        std::vector<int> v(100);
        v.push_back(1);
    }
    const long allocations = forbidden_calls.exchange(0);
    EXPECT_GE(allocations, 2) << "an allocation and a free must be counted";
    std::mutex m;
    {
        Watch w;
        std::lock_guard lock(m);
    }
    EXPECT_GE(forbidden_calls.exchange(0), 1) << "a lock must be counted";
    {
        Watch w;
        std::this_thread::yield();
    }
    EXPECT_GE(forbidden_calls.exchange(0), 1) << "a yield must be counted";
}

TEST(Realtime, ProcessingUnderAParameterStormIsAllocationAndLockFree) {
    warm_up();
    core::Config cfg;
    cfg.inputs = {{"cd", "CD", 0.0, {}}, {"phono", "Phono", 6.0, {}}, {"tuner", "Tuner", -3.0, {}}};
    constexpr double fs = 48000;
    constexpr unsigned frames = 64;
    const unsigned channels = 2;

    core::Settings control(cfg);
    core::TripleBuffer<dsp::EngineParams> slot(core::make_engine_params(control, fs));
    core::MeterExchange meters;
    dsp::Engine engine(3, channels, fs);

    test::Buffers buffers(3, channels, frames);
    auto& in = buffers.in;
    const dsp::EngineIo io = buffers.io();

    std::atomic<bool> stop{false};
    std::atomic<long> published{0};
    std::thread writer([&] {
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        const char* names[] = {"cd", "phono", "tuner"};
        while (!stop.load()) {
            control.set_volume(-80 + 80 * u(rng));
            control.set_bass(-12 + 24 * u(rng));
            control.set_treble(-12 + 24 * u(rng));
            control.set_balance(-1 + 2 * u(rng));
            control.set_source(names[rng() % 3]);
            control.set_rec_source(rng() % 2 ? "" : names[rng() % 3]);
            control.set_loudness(rng() % 2);
            control.set_direct(rng() % 5 == 0);
            control.set_mute(rng() % 7 == 0);
            control.set_dim(rng() % 3 == 0);
            slot.write(core::make_engine_params(control, fs));
            published.fetch_add(1);
            (void)meters.take();
        }
    });

    long seen_changes = 0;
    float last_gain = -1;
    std::size_t clock = 0;
    forbidden_calls = 0;
    // Run until the storm has really been seen (bounded, for a badly loaded machine).
    for (long period = 0; period < 2000000; ++period) {
        if (period >= 20000 && published.load() >= 2000 && seen_changes >= 1000) break;
        for (unsigned k = 0; k < in.size(); ++k)
            for (unsigned i = 0; i < frames; ++i)
                in[k][i] = static_cast<float>(0.5 * std::sin(0.01 * (clock + i) * (k + 1)));
        clock += frames;
        {
            Watch rt;
            const dsp::EngineParams& p = slot.read();
            meters.begin_period(engine);
            engine.process(p, io, frames);
            meters.publish(engine);
            if (p.gain[0] != last_gain) ++seen_changes;
            last_gain = p.gain[0];
        }
    }
    stop = true;
    writer.join();

    EXPECT_EQ(forbidden_calls.load(), 0) << "the RT side allocated, freed, locked or blocked";
    EXPECT_GE(published.load(), 2000) << "the storm was not a storm";
    EXPECT_GE(seen_changes, 1000) << "the RT side did not see the parameters change";
    for (const auto& ch : buffers.pre)
        for (float v : ch)
            ASSERT_TRUE(std::isfinite(v));
}
