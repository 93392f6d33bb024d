#pragma once
// A FIFO standing in for an input device, for the input-device tests: preampd opens it as
// it opens /dev/input/event*, and the test writes recorded struct input_event into it.

#include <cstdint>
#include <string>
#include <vector>

namespace preamp::test {

class InputFeeder {
public:
    /// mkfifo `path` (removing what is there).
    explicit InputFeeder(std::string path);
    ~InputFeeder();
    InputFeeder(const InputFeeder&) = delete;
    InputFeeder& operator=(const InputFeeder&) = delete;

    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    /// Opens the writing end once preampd reads the FIFO (open fails with ENXIO before);
    /// false if it did not within 5 s.
    bool connect();
    /// Closes the writing end: preampd sees the device go and waits for it again.
    void disconnect();
    /// Removes the FIFO (after disconnect()).
    void remove();
    /// One event, with an EV_SYN after it as a device sends.
    bool send(unsigned type, unsigned code, std::int32_t value);
    bool key(unsigned code, std::int32_t value) { return send(1, code, value); }
    /// Press and release.
    bool tap(unsigned code) { return key(code, 1) && key(code, 0); }
    /// Bytes as they are, in one write.
    bool raw(const std::vector<std::uint8_t>& bytes);
    /// The bytes of one struct input_event.
    static std::vector<std::uint8_t> event(unsigned type, unsigned code, std::int32_t value);

private:
    std::string path_;
    int fd_ = -1;
};

} // namespace preamp::test
