#include "SndfileWriter.hpp"

#include "Errors.hpp"
#include "OutputFile.hpp"
#include "OutputFormat.hpp"

#include <unistd.h>

namespace preamp::render {

SndfileWriter::SndfileWriter(const OutputFile& out, int format, unsigned channels, unsigned rate,
                             bool peak_chunk)
    : name_(out.name()) {
    SF_INFO info{};
    info.format = format;
    info.channels = static_cast<int>(channels);
    info.samplerate = static_cast<int>(rate);
    // libsndfile closes the descriptor it is given even when opening fails: give it a
    // copy, and OutputFile keeps its own.
    file_.reset(sf_open_fd(::dup(out.fd()), SFM_WRITE, &info, SF_TRUE));
    if (!file_) {
        std::string msg = "cannot write " + name_ + " as " + OutputFormat::describe(format) + ": " +
                          sf_strerror(nullptr);
        if (out.is_stream())
            msg += " (a pipe takes only formats that stream, such as FLAC, AU and Ogg, or "
                   "raw float32 with --raw: write OUT to a file instead)";
        throw RenderError(msg);
    }
    sf_command(file_.get(), SFC_SET_CLIPPING, nullptr, SF_TRUE);
    // Before any sample is written. libsndfile adds one by default, and finds the peaks
    // with a pass of its own over every sample.
    sf_command(file_.get(), SFC_SET_ADD_PEAK_CHUNK, nullptr, peak_chunk ? SF_TRUE : SF_FALSE);
}

void SndfileWriter::write(const float* buffer, std::size_t frames) {
    const auto n = static_cast<sf_count_t>(frames);
    if (sf_writef_float(file_.get(), buffer, n) != n)
        throw RenderError("cannot write " + name_ + ": " + sf_strerror(file_.get()));
}

void SndfileWriter::finish() {
    if (!file_) return;
    if (const int err = sf_close(file_.release()); err != SF_ERR_NO_ERROR)
        throw RenderError("cannot write " + name_ + ": " + sf_error_number(err));
}

} // namespace preamp::render
