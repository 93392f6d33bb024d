#pragma once

#include "AudioWriter.hpp"

#include <string>

namespace preamp::render {

/// Interleaved native-endian float32 written with write(2) to a descriptor it does not
/// own (OutputFile's).
class RawWriter final : public AudioWriter {
public:
    /// `name` is what error messages call the destination.
    RawWriter(int fd, unsigned channels, std::string name);

    void write(const float* buffer, std::size_t frames) override;
    void finish() override {}

private:
    int fd_;
    std::size_t frame_bytes_;
    std::string name_;
};

} // namespace preamp::render
