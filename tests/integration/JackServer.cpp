#include "JackServer.hpp"

#include "PollUntil.hpp"
#include "Probe.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

constexpr std::chrono::milliseconds kReadyTimeout = 5s;
constexpr std::chrono::milliseconds kSlotTimeout = 10s;
constexpr const char* kNoSlot = "Too many servers already active";

} // namespace

JackServer::JackServer(std::string name, unsigned rate, unsigned period) {
    start(std::move(name), rate, period);
}

std::string JackServer::unique_name(std::string_view prefix) {
    static std::atomic<unsigned> counter{0};
    return std::string(prefix) + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

void JackServer::start(std::string name, unsigned rate, unsigned period) {
    if (jackd_ && jackd_->alive())
        throw std::logic_error("JackServer::start: jackd " + name_ + " is already running");
    jackd_.reset();
    name_ = std::move(name);
    rate_ = rate;
    period_ = period;
    // A second jackd of that name would fail, but clients would find the first one.
    if (answers(0ms))
        throw std::runtime_error("JackServer::start: a JACK server named " + name_ +
                                 " is already running");
    // libjack allows 8 servers on the machine at a time; wait a while for one to end.
    const auto deadline = std::chrono::steady_clock::now() + kSlotTimeout;
    std::vector<std::string> args{"-n", name_};
    args.insert(args.end(), launch_.server_args.begin(), launch_.server_args.end());
    for (const auto& a : {"-d", "dummy", "-r"})
        args.emplace_back(a);
    args.push_back(std::to_string(rate));
    args.emplace_back("-p");
    args.push_back(std::to_string(period));
    for (;;) {
        jackd_.emplace("jackd", args,
                       ProcessOptions{.jack_server = {},
                                      .env = launch_.env,
                                      .log_file = log_path(),
                                      .prefix = launch_.prefix});
        if (answers(kReadyTimeout)) {
            killed_ = false; // this server took the killed one's slot back
            return;
        }
        const bool no_slot = !jackd_->alive() && jackd_->log().find(kNoSlot) != std::string::npos;
        if (!no_slot || std::chrono::steady_clock::now() >= deadline) break;
        stop();
        std::this_thread::sleep_for(100ms);
    }
    const std::string why =
        jackd_->alive() ? "not accepting clients after 5 s" : describe_status(jackd_->kill());
    stop();
    throw std::runtime_error("jackd -n " + name_ + ": " + why + "; its log:\n" + log());
}

bool JackServer::answers(std::chrono::milliseconds timeout) {
    DaemonProcess check(
        PREAMP_JACK_READY, {name_, std::to_string(timeout.count())},
        ProcessOptions{
            .jack_server = {}, .env = launch_.env, .log_file = log_path(), .prefix = {}});
    // Stop waiting as soon as jackd has died.
    poll_until([&] { return !check.alive() || (jackd_ && !jackd_->alive()); }, timeout + 2s);
    const auto status = check.wait_exit(0ms);
    return status && WIFEXITED(*status) && WEXITSTATUS(*status) == 0;
}

JackServer::~JackServer() {
    try {
        stop();
        if (killed_) {
            start(name_, rate_, period_);
            stop();
        }
    } catch (const std::exception&) {
        // a slot lost; nothing more a destructor can do
    }
}

void JackServer::stop() {
    if (!jackd_) return;
    Probe::release(name_);
    // A jackd that did not end cleanly keeps its slot, as after kill(): one that ignored
    // SIGTERM and was killed, or one that died of SIGPIPE writing to a client that had
    // been stopped (SIGSTOP) and is gone.
    if (jackd_->terminate() != 0) killed_ = true;
    gone();
}

void JackServer::terminate() {
    if (!jackd_) return;
    if (jackd_->terminate() != 0) killed_ = true;
    gone();
}

void JackServer::kill() {
    if (!jackd_) return;
    (void)jackd_->kill();
    killed_ = true;
    gone();
}

void JackServer::gone() {
    jackd_.reset();
    Probe::server_gone(name_);
    // What a killed jackd, or clients closed after it, leave in libjack's tmpdir: its
    // socket and the clients' semaphores, all named after the (unique) server; with
    // JACK_PROMISCUOUS_SERVER, without the uid.
    const std::string uid = std::to_string(::getuid());
    const std::string prefixes[] = {"jack_" + name_ + "_", "jack_sem." + uid + "_" + name_ + "_",
                                    "jack_sem." + name_ + "_"};
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/shm", ec)) {
        const std::string file = entry.path().filename().string();
        for (const auto& prefix : prefixes)
            if (file.starts_with(prefix)) std::filesystem::remove(entry.path(), ec);
    }
}

void JackServer::forget_user(uid_t uid) {
    std::error_code ec;
    std::filesystem::remove_all("/dev/shm/jack_db-" + std::to_string(uid), ec);
}

void JackServer::restart() {
    stop();
    start(name_, rate_, period_);
}

void JackServer::pause() {
    if (jackd_) jackd_->signal(SIGSTOP);
}

void JackServer::resume() {
    if (jackd_) jackd_->signal(SIGCONT);
}

bool JackServer::running() {
    return jackd_ && jackd_->alive();
}

std::filesystem::path JackServer::log_path() const {
    return dir_.path() / "jackd.log";
}

std::string JackServer::log() const {
    std::ifstream in(log_path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace preamp::test
