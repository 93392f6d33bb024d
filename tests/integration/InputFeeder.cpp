// InputFeeder: a FIFO preampd reads as an input device, written with recorded events.

#include "InputFeeder.hpp"

#include "PollUntil.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/input.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace preamp::test {

using namespace std::chrono_literals;

InputFeeder::InputFeeder(std::string path) : path_(std::move(path)) {
    ::unlink(path_.c_str());
    if (::mkfifo(path_.c_str(), 0600) != 0)
        throw std::runtime_error("mkfifo " + path_ + ": " + std::strerror(errno));
}

InputFeeder::~InputFeeder() {
    disconnect();
    ::unlink(path_.c_str());
}

bool InputFeeder::connect() {
    disconnect();
    return poll_until(
        [&] {
            fd_ = ::open(path_.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC); // ENXIO: no reader yet
            return fd_ >= 0;
        },
        5s);
}

void InputFeeder::disconnect() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

void InputFeeder::remove() {
    ::unlink(path_.c_str());
}

std::vector<std::uint8_t> InputFeeder::event(unsigned type, unsigned code, std::int32_t value) {
    input_event e{};
    e.type = static_cast<std::uint16_t>(type);
    e.code = static_cast<std::uint16_t>(code);
    e.value = value;
    std::vector<std::uint8_t> b(sizeof e);
    std::memcpy(b.data(), &e, sizeof e);
    return b;
}

bool InputFeeder::raw(const std::vector<std::uint8_t>& bytes) {
    return fd_ >= 0 &&
           ::write(fd_, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
}

bool InputFeeder::send(unsigned type, unsigned code, std::int32_t value) {
    auto b = event(type, code, value);
    const auto syn = event(EV_SYN, SYN_REPORT, 0);
    b.insert(b.end(), syn.begin(), syn.end());
    return raw(b);
}

} // namespace preamp::test
