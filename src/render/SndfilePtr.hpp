#pragma once

#include <memory>
#include <sndfile.h>

namespace preamp::render {

/// Closes a libsndfile handle; RAII for the readers and writers.
struct SndfileClose {
    void operator()(SNDFILE* f) const noexcept { sf_close(f); }
};

/// Owns an open SNDFILE.
using SndfilePtr = std::unique_ptr<SNDFILE, SndfileClose>;

} // namespace preamp::render
