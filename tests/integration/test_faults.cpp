// The JACK fault test: jackd killed (SIGKILL), stopped (SIGTERM), frozen (SIGSTOP, then
// SIGCONT) and restarted with another rate and period, at random moments, round after
// round, while D-Bus calls are in flight and a hand-made connection waits to be
// restored. preampd must live through every round, answer D-Bus all along, and come
// back each time with its ports, its configured connections and the hand-made one.
//
// FAULT_ROUNDS=N (default 40) runs it longer; FAULT_SEED=S replays a sequence. It runs
// in a mount namespace of its own with a private /dev/shm, so that the servers it kills
// never hold slots of the machine's libjack registry (8 servers for everyone).

#include "DaemonFixture.hpp"
#include "JackServer.hpp"
#include "PollUntil.hpp"
#include "Probe.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <sched.h>
#include <string>
#include <sys/mount.h>
#include <thread>
#include <vector>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string g_no_namespace; // why the private /dev/shm could not be made

// A mount namespace of this process's own, with a fresh tmpfs on /dev/shm. Before any
// thread starts; everything the test runs inherits it.
std::string private_dev_shm() {
    if (::unshare(CLONE_NEWNS) != 0)
        return std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return std::string("mount --make-rprivate /: ") + std::strerror(errno);
    if (::mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777") != 0)
        return std::string("mount tmpfs /dev/shm: ") + std::strerror(errno);
    return {};
}

long env_number(const char* name, long fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? std::strtol(v, nullptr, 10) : fallback;
}

enum class Fault { kill, term, freeze, reformat };
const char* name(Fault f) {
    switch (f) {
    case Fault::kill:
        return "SIGKILL";
    case Fault::term:
        return "SIGTERM";
    case Fault::freeze:
        return "SIGSTOP/SIGCONT";
    case Fault::reformat:
        return "restart at another rate and period";
    }
    return "?";
}

// D-Bus calls, one after the other, from a thread of their own, until stopped: a set of
// Volume and a read of State each time. Counts those not answered (or not answered
// within 2 s) and the slowest answer.
class Caller {
public:
    explicit Caller(PrivateBus& bus) : bus_(bus), thread_([this] { run(); }) {}
    ~Caller() {
        stop_ = true;
        thread_.join();
    }
    [[nodiscard]] long calls() const { return calls_; }
    [[nodiscard]] long failures() const { return failures_; }
    [[nodiscard]] std::chrono::milliseconds slowest() const { return slowest_.load(); }
    [[nodiscard]] std::string last_failure() {
        std::lock_guard lock(mutex_);
        return last_failure_;
    }

private:
    void run() {
        for (int i = 0; !stop_; ++i) {
            const std::string volume = std::to_string(-20 - i % 10);
            for (const auto& args : std::vector<std::vector<std::string>>{
                     {"set-property", kName, kPath, kInterface, "Volume", "--", "d", volume},
                     {"get-property", kName, kPath, kInterface, "State"}}) {
                const auto t0 = Clock::now();
                const auto r = bus_.call(args, 2s);
                const auto took =
                    std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
                ++calls_;
                slowest_ = std::max(slowest_.load(), took);
                if (r.status != 0) {
                    ++failures_;
                    std::lock_guard lock(mutex_);
                    last_failure_ = args[4] + ": status " + std::to_string(r.status) + ": " + r.out;
                }
            }
            std::this_thread::sleep_for(20ms); // paces the calls, no synchronisation
        }
    }

    PrivateBus& bus_;
    std::atomic<bool> stop_{false};
    std::atomic<long> calls_{0}, failures_{0};
    std::atomic<std::chrono::milliseconds> slowest_{0ms};
    std::mutex mutex_;
    std::string last_failure_;
    std::thread thread_;
};

class FaultTest : public DaemonTest {
protected:
    void SetUp() override {
        if (!g_no_namespace.empty())
            GTEST_SKIP() << "needs a private /dev/shm (" << g_no_namespace << ")";
        DaemonTest::SetUp();
    }

    // What is not back yet after a fault, of: the ports, the configured connections both
    // ways, the hand-made one, and State. Empty when all of it is.
    // Where each of preampd's threads is, for the report of a hang: gdb's backtraces
    // when GDB names it, and the kernel's view (/proc: name, wait channel, system call)
    // always.
    std::string threads() {
        std::string out;
        const std::string task = "/proc/" + std::to_string(daemon->pid()) + "/task";
        std::error_code ec;
        for (const auto& t : std::filesystem::directory_iterator(task, ec)) {
            const auto first_line = [&](const char* name) {
                std::ifstream in(t.path() / name);
                std::string line;
                std::getline(in, line);
                return line;
            };
            out += "\n  thread " + t.path().filename().string() + " " + first_line("comm") +
                   ": wchan " + first_line("wchan") + ", syscall " + first_line("syscall");
        }
        if (const auto gdb = program_from_env("GDB"))
            out += "\n" + run(*gdb,
                              {"-p", std::to_string(daemon->pid()), "-batch", "-ex",
                               "thread apply all bt"},
                              {}, 30s)
                              .out;
        return out;
    }

    std::string missing() {
        std::string out;
        const auto link = [&](const char* a, const char* b) {
            if (!probe->wait_for_connection(a, b, 0ms)) out += std::string(" ") + a + "->" + b;
        };
        link("probe:cd_L", "preamp:cd_L");
        link("preamp:pre_out_R", "probe:pre_R");
        link("preamp:rec_out_L", "probe:extra");
        // Not get(), which expects an answer: a preampd started anew is off the bus a moment.
        const auto state = bus->call({"get-property", kName, kPath, kInterface, "State"});
        if (state.status != 0 || state.out.find("\"running\"") == std::string::npos)
            out += " State " + state.out;
        return out;
    }
    bool back(std::chrono::milliseconds timeout) {
        return poll_until([&] { return missing().empty(); }, timeout, 20ms);
    }
};

TEST_F(FaultTest, PreampdLivesThroughJackDyingAtAnyMoment) {
    const long rounds = env_number("FAULT_ROUNDS", 40);
    const auto seed = static_cast<unsigned>(env_number("FAULT_SEED", std::random_device{}()));
    std::mt19937 rng(seed);
    std::cout << "FAULT_SEED=" << seed << " FAULT_ROUNDS=" << rounds << "\n";
    const auto pick = [&](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };

    const auto started = Clock::now();
    start_controlled();
    ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_R", "probe:pre_R", 2s));
    probe->connect("preamp:rec_out_L", "probe:extra"); // by hand, as in a patchbay
    ASSERT_TRUE(back(3s));

    const std::string server_name = server.name();
    std::vector<double> recovery_ms;
    int aborts = 0, hangs = 0;
    {
        Caller caller(*bus);
        for (long round = 0; round < rounds && !HasFatalFailure(); ++round) {
            const auto fault = static_cast<Fault>(pick(0, 3));
            std::this_thread::sleep_for(std::chrono::milliseconds(pick(0, 400))); // any moment
            switch (fault) {
            case Fault::kill:
                server.kill();
                std::this_thread::sleep_for(std::chrono::milliseconds(pick(0, 500)));
                server.restart();
                break;
            case Fault::term:
                server.terminate();
                std::this_thread::sleep_for(std::chrono::milliseconds(pick(0, 500)));
                server.restart();
                break;
            case Fault::freeze:
                server.pause();
                std::this_thread::sleep_for(std::chrono::milliseconds(pick(50, 1500)));
                server.resume();
                break;
            case Fault::reformat: {
                server.terminate();
                const unsigned rates[] = {44100, 48000, 96000};
                const unsigned periods[] = {64, 128, 256, 512};
                server.start(server_name, rates[pick(0, 2)], periods[pick(0, 3)]);
                break;
            }
            }
            const auto t0 = Clock::now();
            if (fault != Fault::freeze) probe->reopen();
            const bool ok = back(20s); // a hang, not a slow machine
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
            if (!daemon->alive()) {
                ++aborts;
                ADD_FAILURE() << "round " << round << " (" << name(fault)
                              << "): preampd ended: " << daemon->log();
                break;
            }
            if (!ok) {
                ++hangs;
                ADD_FAILURE() << "round " << round << " (" << name(fault)
                              << "): not back within 20 s; missing:" << missing()
                              << "\npreampd's threads:" << threads();
                break;
            }
            recovery_ms.push_back(ms);
        }
        // A preampd started anew (libjack stuck, see preampd(8)) is off the bus for a
        // moment: calls may fail then, and only then.
        const std::string log = daemon->log();
        std::size_t restarts = 0;
        for (std::size_t at = log.find("starting preampd anew"); at != std::string::npos;
             at = log.find("starting preampd anew", at + 1))
            ++restarts;
        if (restarts == 0) {
            EXPECT_EQ(caller.failures(), 0)
                << "of " << caller.calls() << " D-Bus calls; the last: " << caller.last_failure();
        }
        std::cout << "restarts of preampd (libjack stuck): " << restarts
                  << ", D-Bus calls that failed: " << caller.failures() << "\n";
        std::cout << "D-Bus calls: " << caller.calls() << ", slowest answer "
                  << caller.slowest().count() << " ms\n";
    }
    EXPECT_EQ(aborts, 0);
    EXPECT_EQ(hangs, 0);
    if (!recovery_ms.empty()) {
        std::sort(recovery_ms.begin(), recovery_ms.end());
        std::cout << "rounds: " << recovery_ms.size() << ", recovery median "
                  << recovery_ms[recovery_ms.size() / 2] << " ms, max " << recovery_ms.back()
                  << " ms\n";
    }

    // Still itself at the end: it plays, and a SIGTERM ends it cleanly.
    const auto rec = probe->capture("rec_L", 0.5);
    // The probe plays on from where it was: search as far as it can have come.
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started);
    const long long at = locate(rec, static_cast<std::uint64_t>(seconds.count() + 10) * 96000);
    EXPECT_GE(at, 0) << "rec_out is not a copy of the input after the faults";
    if (at >= 0) {
        // The period of the last server started (BufferSize: "u 128").
        const auto period = static_cast<std::size_t>(std::stoul(get("BufferSize").substr(2)));
        EXPECT_TRUE(runs_on(rec, at, period));
    }
    const int status = daemon->terminate(5s);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << describe_status(status);
}

} // namespace
} // namespace preamp::test

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    preamp::test::g_no_namespace = preamp::test::private_dev_shm();
    return RUN_ALL_TESTS();
}
