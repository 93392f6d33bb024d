#include "MosquittoServer.hpp"

#include "PollUntil.hpp"

#include <arpa/inet.h>
#include <fstream>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace preamp::test {
namespace {

sockaddr_in loopback(int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

// A port nobody listens on now: the kernel's choice for port 0.
int free_port() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(0);
    socklen_t len = sizeof a;
    if (s < 0 || ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) != 0)
        throw std::runtime_error("no free loopback port");
    ::close(s);
    return ntohs(a.sin_port);
}

bool accepts(int port) {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in a = loopback(port);
    const bool ok = ::connect(s, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
    ::close(s);
    return ok;
}

} // namespace

MosquittoServer::MosquittoServer(std::string program)
    : program_(std::move(program)), port_(free_port()) {
    std::ofstream(dir_ / "mosquitto.conf") << "listener " << port_ << " 127.0.0.1\n"
                                           << "allow_anonymous true\n"
                                           << "persistence false\n"
                                           << "log_dest stdout\n"
                                           << "log_type error\nlog_type warning\n"
                                           << "log_type notice\n";
}

void MosquittoServer::start() {
    process_.reset();
    process_.emplace(program_, std::vector<std::string>{"-c", dir_ / "mosquitto.conf"});
    using namespace std::chrono_literals;
    if (!poll_until([&] { return accepts(port_) || !process_->alive(); }, 5s) ||
        !process_->alive())
        throw std::runtime_error("mosquitto does not accept connections on port " +
                                 std::to_string(port_) + ": " + process_->log());
}

void MosquittoServer::kill() {
    if (process_) process_->kill();
    process_.reset();
}

} // namespace preamp::test
