#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

namespace preamp::render {

/// Where a sound file's audio starts and how many bytes of it its header declares.
struct DeclaredData {
    std::uint64_t offset = 0; ///< of the first audio byte
    std::uint64_t bytes = 0;  ///< as the header declares them, whatever the file holds
};

/// Reads `n` bytes at `offset` into `to`; returns how many it read (fewer at the end).
using ReadAt = std::function<std::size_t(std::uint64_t offset, void* to, std::size_t n)>;

/// The audio length the header of a WAV (RIFF, RIFX), RF64/BW64, Sony Wave64, AIFF/AIFC
/// or CAF file declares, read from the file's own bytes: libsndfile clamps it to what the
/// file holds, silently or in a log line it may leave out. Walks the chunks up to the
/// audio, reading a few bytes per chunk. nullopt for any other type, for a header that
/// declares no length (CAF's -1; a WAV whose writer never closed it: RIFF size 8, data
/// size 0) and for one with no audio chunk inside `file_size` bytes.
[[nodiscard]] std::optional<DeclaredData> declared_data(const ReadAt& read,
                                                        std::uint64_t file_size);

} // namespace preamp::render
