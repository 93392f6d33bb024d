#include "SndfileReader.hpp"

#include "DeclaredData.hpp"
#include "Errors.hpp"
#include "core/UniqueFd.hpp"
#include "dsp/Limits.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace preamp::render {
namespace {

// Bytes per sample of the subtypes whose frames have a fixed size; 0 for the others
// (ADPCM, GSM...).
std::uint64_t sample_bytes(int format) {
    switch (format & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_S8:
    case SF_FORMAT_PCM_U8:
    case SF_FORMAT_ULAW:
    case SF_FORMAT_ALAW:
        return 1;
    case SF_FORMAT_PCM_16:
        return 2;
    case SF_FORMAT_PCM_24:
        return 3;
    case SF_FORMAT_PCM_32:
    case SF_FORMAT_FLOAT:
        return 4;
    case SF_FORMAT_DOUBLE:
        return 8;
    default:
        return 0;
    }
}

} // namespace

SndfileReader::SndfileReader(const std::string& path, bool partial)
    : name_(path == "-" ? "standard input" : path), partial_(partial) {
    // libsndfile closes the descriptor it is given even when opening fails: give it a
    // copy.
    file_.reset(path == "-" ? sf_open_fd(::dup(STDIN_FILENO), SFM_READ, &info_, SF_TRUE)
                            : sf_open(path.c_str(), SFM_READ, &info_));
    if (!file_) {
        const int err = sf_error(nullptr);
        std::string msg = "cannot read " + name_ + ": " + sf_strerror(nullptr);
        if (err == SF_ERR_UNRECOGNISED_FORMAT)
            msg += " (for raw float32 use --raw --rate HZ --channels N)";
        throw RenderError(msg);
    }
    if (info_.channels < 1 || static_cast<unsigned>(info_.channels) > dsp::kMaxChannels)
        throw RenderError(name_ + " has " + std::to_string(info_.channels) +
                          " channels: preamp-render handles 1 to " +
                          std::to_string(dsp::kMaxChannels));
    if (info_.samplerate < 1)
        throw RenderError(name_ + " has a sample rate of " + std::to_string(info_.samplerate) +
                          " Hz");
    check_header(path);
}

void SndfileReader::check_header(const std::string& path) {
    // libsndfile trusts a file's size over its header: it clamps the length a header
    // declares to the bytes that follow, so a truncated file would read as a short one.
    core::UniqueFd own;
    // O_NONBLOCK: a FIFO must not wait here for a second writer.
    if (path != "-") own = core::UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    const int fd = path == "-" ? STDIN_FILENO : own.get();
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return; // a stream: at its end
    const auto size = static_cast<std::uint64_t>(st.st_size);
    const auto declared = declared_data(
        [fd](std::uint64_t offset, void* to, std::size_t n) -> std::size_t {
            const ssize_t got = ::pread(fd, to, n, static_cast<off_t>(offset));
            return got < 0 ? 0 : static_cast<std::size_t>(got);
        },
        size);
    if (!declared) return;
    const std::uint64_t held = size > declared->offset ? size - declared->offset : 0;
    const std::uint64_t frame = sample_bytes(info_.format) * static_cast<unsigned>(info_.channels);
    if (frame == 0 && declared->bytes > held)
        truncated(std::to_string(declared->bytes) + " bytes of audio", std::to_string(held));
    else if (frame != 0 && declared->bytes / frame > held / frame)
        truncated(std::to_string(declared->bytes / frame) + " frames",
                  std::to_string(held / frame));
}

void SndfileReader::truncated(const std::string& declared, const std::string& held) {
    const std::string what =
        name_ + ": truncated: header declares " + declared + ", file holds " + held;
    if (!partial_) throw RenderError(what + " (--partial renders what it holds)");
    if (!warned_)
        std::fprintf(stderr, "preamp-render: warning: %s; rendering what it holds\n", what.c_str());
    warned_ = true;
}

unsigned SndfileReader::channels() const noexcept {
    return static_cast<unsigned>(info_.channels);
}
unsigned SndfileReader::rate() const noexcept {
    return static_cast<unsigned>(info_.samplerate);
}

std::size_t SndfileReader::read(float* buffer, std::size_t frames) {
    const sf_count_t n = sf_readf_float(file_.get(), buffer, static_cast<sf_count_t>(frames));
    if (n < 0 || sf_error(file_.get()) != SF_ERR_NO_ERROR)
        throw RenderError("cannot read " + name_ + ": " + sf_strerror(file_.get()));
    done_ += n;
    if (n == 0) check_complete();
    return static_cast<std::size_t>(n);
}

void SndfileReader::check_complete() {
    // frames is SF_COUNT_MAX when the length is unknown (a stream).
    if (info_.frames > 0 && info_.frames != SF_COUNT_MAX && done_ < info_.frames)
        truncated(std::to_string(info_.frames) + " frames", std::to_string(done_));
}

} // namespace preamp::render
