#pragma once

#include "core/UniqueFd.hpp"

#include <string>
#include <sys/types.h>

namespace preamp::render {

/// Where OUT's bytes go. "-" is standard output. A regular file, or a path with nothing
/// there yet, is written as a temporary file beside it (OUT.XXXXXX) that replaces OUT in
/// commit() only: until then OUT is untouched, and a render that fails leaves no trace.
/// Anything else that exists (/dev/null, a FIFO) is written in place.
class OutputFile {
public:
    /// Throws RenderError when the destination cannot be opened or created.
    explicit OutputFile(const std::string& path);
    /// Removes the temporary file unless commit() succeeded.
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    /// Where to write; stays owned by this object.
    [[nodiscard]] int fd() const noexcept { return fd_; }
    /// "out.wav" or "standard output", for messages.
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// True for a pipe or socket, which no format that seeks can be written to.
    [[nodiscard]] bool is_stream() const noexcept;

    /// After the writer has finished: gives the file OUT's permissions and renames it
    /// over OUT. Throws RenderError (and the destructor then removes the file).
    void commit();

private:
    void open_temporary(const std::string& path);

    std::string name_;
    std::string target_; ///< the file the temporary one replaces
    std::string temp_;
    core::UniqueFd owned_;
    int fd_ = -1;
    mode_t mode_ = 0;
    bool committed_ = false;
};

} // namespace preamp::render
