#pragma once

#include "AudioWriter.hpp"
#include "SndfilePtr.hpp"

#include <string>

namespace preamp::render {

class OutputFile;

/// A sound file of any type libsndfile writes, on OutputFile's descriptor. Integer
/// formats clip at full scale instead of wrapping around.
class SndfileWriter final : public AudioWriter {
public:
    /// `format` from OutputFormat::choose. Throws RenderError when libsndfile refuses,
    /// e.g. a WAV to a pipe (with a hint to use --raw). `peak_chunk`: whether a float
    /// WAV or AIFF gets a PEAK chunk (a pass over every sample to find the peaks).
    SndfileWriter(const OutputFile& out, int format, unsigned channels, unsigned rate,
                  bool peak_chunk);

    void write(const float* buffer, std::size_t frames) override;
    void finish() override;

private:
    std::string name_;
    SndfilePtr file_;
};

} // namespace preamp::render
