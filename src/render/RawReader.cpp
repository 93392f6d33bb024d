#include "RawReader.hpp"

#include "Errors.hpp"
#include "Interrupted.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace preamp::render {

RawReader::RawReader(const std::string& path, unsigned channels, unsigned rate)
    : name_(path == "-" ? "standard input" : path), fd_(STDIN_FILENO), channels_(channels),
      rate_(rate), frame_bytes_(channels * sizeof(float)) {
    if (path != "-") {
        owned_ = core::UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!owned_) throw RenderError("cannot open " + path + ": " + std::strerror(errno));
        fd_ = owned_.get();
    }
}

std::size_t RawReader::read(float* buffer, std::size_t frames) {
    // A char view of float storage: the bytes land where the floats they encode belong.
    char* bytes = reinterpret_cast<char*>(buffer);
    std::memcpy(bytes, carry_.data(), carried_);
    std::size_t have = carried_;
    carried_ = 0;
    const std::size_t want = frames * frame_bytes_;
    while (have < want && !at_end_) {
        const ssize_t n = ::read(fd_, bytes + have, want - have);
        if (n < 0) {
            if (errno != EINTR)
                throw RenderError("cannot read " + name_ + ": " + std::strerror(errno));
            Interrupted::check();
            continue;
        }
        if (n == 0) at_end_ = true;
        have += static_cast<std::size_t>(n);
    }
    const std::size_t whole = have / frame_bytes_;
    carried_ = have - whole * frame_bytes_;
    std::memcpy(carry_.data(), bytes + whole * frame_bytes_, carried_);
    if (whole == 0 && carried_ > 0)
        throw RenderError(name_ + " ends in the middle of a frame (" + std::to_string(carried_) +
                          " stray bytes): raw input must be whole frames of " +
                          std::to_string(channels_) + " float32 samples");
    return whole;
}

} // namespace preamp::render
