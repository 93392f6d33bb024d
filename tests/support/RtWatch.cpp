#include "RtWatch.hpp"

#include <array>
#include <atomic>
#include <cstdio>
#include <dlfcn.h>
#include <execinfo.h>

namespace preamp::test::rt {
namespace {

// Initial-exec: a thread's flag lives in its static TLS block, so reading it never calls
// __tls_get_addr (which may allocate) — also when this code is an LD_PRELOADed library.
// Constant-initialised, as are the counters: malloc may be called before any constructor.
[[gnu::tls_model("initial-exec")]] thread_local bool watching = false;

std::array<std::atomic<std::uint64_t>, kCalls> counters{};
std::atomic<std::uint64_t> entered{0};

// The first offence: claimed by one thread, then its stack, published by `depth`.
constexpr int kMaxFrames = 24;
std::atomic<bool> claimed{false};
std::atomic<unsigned> first_call{0};
std::array<void*, kMaxFrames> frames{};
std::atomic<int> depth{0};

#define PREAMP_RT_NAME(name) #name,
constexpr std::array<const char*, kCalls> kNames{PREAMP_RT_CALLS(PREAMP_RT_NAME)};
#undef PREAMP_RT_NAME

// "object(symbol+0x1f) [object+0x4a2f]": the second address is for addr2line -e object.
std::string describe(void* address) {
    char text[64];
    Dl_info info{};
    if (dladdr(address, &info) == 0 || info.dli_fname == nullptr) {
        std::snprintf(text, sizeof text, "%p", address);
        return text;
    }
    std::string out = info.dli_fname;
    if (info.dli_sname != nullptr) {
        std::snprintf(text, sizeof text, "+0x%zx",
                      static_cast<std::size_t>(static_cast<char*>(address) -
                                               static_cast<char*>(info.dli_saddr)));
        out += std::string("(") + info.dli_sname + text + ")";
    }
    std::snprintf(
        text, sizeof text, " [+0x%zx]",
        static_cast<std::size_t>(static_cast<char*>(address) - static_cast<char*>(info.dli_fbase)));
    return out + text;
}

} // namespace

Watch::Watch() noexcept : outer_(!watching) {
    watching = true;
    entered.fetch_add(1, std::memory_order_relaxed);
}

Watch::~Watch() {
    watching = !outer_;
}

const char* unavailable() noexcept {
#ifdef PREAMP_RT_WATCH_OFF
    return PREAMP_RT_WATCH_OFF;
#else
    return nullptr;
#endif
}

void prepare() {
    resolve_forwards();
    void* warm[2];
    (void)backtrace(warm, 2); // its first call loads libgcc_s
}

void note(Call call) noexcept {
    if (!watching) return;
    counters[static_cast<unsigned>(call)].fetch_add(1, std::memory_order_relaxed);
    if (claimed.exchange(true, std::memory_order_acq_rel)) return;
    // Already a failure: the stack is worth what capturing it costs, but what that calls
    // must not count again.
    watching = false;
    first_call.store(static_cast<unsigned>(call), std::memory_order_relaxed);
    depth.store(backtrace(frames.data(), kMaxFrames), std::memory_order_release);
    watching = true;
}

std::uint64_t count(Call call) noexcept {
    return counters[static_cast<unsigned>(call)].load(std::memory_order_relaxed);
}

std::uint64_t forbidden() noexcept {
    std::uint64_t sum = 0;
    for (const auto& c : counters)
        sum += c.load(std::memory_order_relaxed);
    return sum;
}

std::uint64_t sections() noexcept {
    return entered.load(std::memory_order_relaxed);
}

const char* name(Call call) noexcept {
    return static_cast<unsigned>(call) < kCalls ? kNames[static_cast<unsigned>(call)] : "?";
}

void reset() noexcept {
    for (auto& c : counters)
        c.store(0, std::memory_order_relaxed);
    entered.store(0, std::memory_order_relaxed);
    depth.store(0, std::memory_order_relaxed);
    claimed.store(false, std::memory_order_release);
}

std::string report(const char* sections_key) {
    std::string out = std::string(sections_key) + " " + std::to_string(sections()) + "\n";
    out += "forbidden " + std::to_string(forbidden()) + "\n";
    for (unsigned k = 0; k < kCalls; ++k)
        out += std::string(kNames[k]) + " " + std::to_string(counters[k].load()) + "\n";
    const int n = depth.load(std::memory_order_acquire);
    if (n > 0) {
        out += std::string("first ") + name(static_cast<Call>(first_call.load())) + "\n";
        for (int i = 0; i < n; ++i)
            out += "stack " + std::to_string(i) + " " + describe(frames[i]) + "\n";
    }
    return out;
}

} // namespace preamp::test::rt
