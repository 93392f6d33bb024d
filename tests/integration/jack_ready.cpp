// jack_ready SERVER [TIMEOUT_MS]: exits 0 as soon as a client can connect to the JACK
// server SERVER (tried every 20 ms), 1 if none could within TIMEOUT_MS (default 5000).
//
// JackServer runs this in a process of its own rather than opening clients in the test
// process: libjack 1.9 keeps one process-wide server state, which a client of a second
// server, or one opened after a server died, disturbs.

#include "JackClient.hpp"

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

void ignore(const char*) {}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    const std::string server = argv[1];
    const auto timeout = std::chrono::milliseconds(argc > 2 ? std::atol(argv[2]) : 5000);
    jack_set_error_function(ignore);
    jack_set_info_function(ignore);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (preamp::test::open_jack_client(server, "ready-check")) return 0;
        if (std::chrono::steady_clock::now() >= deadline) return 1;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}
