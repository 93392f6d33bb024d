#include "SndfileReader.hpp"

#include "Errors.hpp"
#include "dsp/Limits.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>
#include <unistd.h>

namespace preamp::render {
namespace {

// Placeholders of streamed files whose header was never fixed up: not a truncation.
constexpr unsigned long long kPlaceholderBytes = 0x7f000000ull;

// libsndfile opens a file whose audio chunk is shorter than its header says, and only
// logs it ("data : 192000 (should be 99956)" for WAV, "SSND : ..." for AIFF). Returns
// that line for a real truncation, "" otherwise.
std::string truncation(SNDFILE* f) {
    char log[8192] = {};
    sf_command(f, SFC_GET_LOG_INFO, log, sizeof log);
    std::string_view rest(log);
    while (!rest.empty()) {
        const auto eol = rest.find('\n');
        std::string_view line = rest.substr(0, eol);
        rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
        line.remove_prefix(std::min(line.find_first_not_of(' '), line.size()));
        if (!(line.starts_with("data :") || line.starts_with("SSND :"))) continue;
        if (line.find("(should be") == std::string_view::npos) continue;
        unsigned long long announced = 0;
        const auto digits = line.substr(6);
        const auto first = digits.find_first_not_of(' ');
        if (first == std::string_view::npos) continue;
        std::from_chars(digits.data() + first, digits.data() + digits.size(), announced);
        if (announced < kPlaceholderBytes) return std::string(line);
    }
    return {};
}

} // namespace

SndfileReader::SndfileReader(const std::string& path)
    : name_(path == "-" ? "standard input" : path) {
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
    if (const auto line = truncation(file_.get()); !line.empty())
        throw RenderError(name_ +
                          " is truncated: its header announces more audio than the "
                          "file holds (libsndfile: \"" +
                          line + "\")");
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

void SndfileReader::check_complete() const {
    // frames is SF_COUNT_MAX when the length is unknown (a stream).
    if (info_.frames > 0 && info_.frames != SF_COUNT_MAX && done_ < info_.frames)
        throw RenderError(name_ + " ended after " + std::to_string(done_) + " of the " +
                          std::to_string(info_.frames) +
                          " frames its header announces: it is truncated or damaged");
}

} // namespace preamp::render
