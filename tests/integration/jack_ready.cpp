// jack_ready SERVER [TIMEOUT_MS [PORT_PATTERN]]: exits 0 as soon as a client can connect
// to the JACK server SERVER (tried every 20 ms) and, with PORT_PATTERN, sees a port whose
// name matches that extended regular expression; 1 if that did not happen within
// TIMEOUT_MS (default 5000).
//
// JackServer runs this in a process of its own rather than opening clients in the test
// process: libjack 1.9 keeps one process-wide server state, which a client of a second
// server, or one opened after a server died, disturbs. PipeWireServer runs it under pw-jack,
// with a pattern for its sink's ports: PipeWire accepts clients before its session manager
// has set up the sink.

#include "JackClient.hpp"

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

void ignore(const char*) {}

bool has_port(jack_client_t* client, const char* pattern) {
    const char** ports = jack_get_ports(client, pattern, nullptr, 0);
    const bool found = ports != nullptr && ports[0] != nullptr;
    jack_free(static_cast<void*>(ports));
    return found;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    const std::string server = argv[1];
    const auto timeout = std::chrono::milliseconds(argc > 2 ? std::atol(argv[2]) : 5000);
    const char* pattern = argc > 3 ? argv[3] : nullptr;
    jack_set_error_function(ignore);
    jack_set_info_function(ignore);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    preamp::test::JackClient client;
    for (;;) {
        if (!client) client = preamp::test::open_jack_client(server, "ready-check");
        if (client && (pattern == nullptr || has_port(client.get(), pattern))) return 0;
        if (std::chrono::steady_clock::now() >= deadline) return 1;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}
