#include "OutputFile.hpp"

#include "Errors.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace preamp::render {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path, int err) {
    throw RenderError(what + " " + path + ": " + std::strerror(err));
}

mode_t default_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

} // namespace

OutputFile::OutputFile(const std::string& path) {
    if (path == "-") {
        name_ = "standard output";
        fd_ = STDOUT_FILENO;
        return;
    }
    name_ = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno != ENOENT) fail("cannot write", path, errno);
        target_ = path;
        mode_ = default_mode();
        open_temporary(path);
        return;
    }
    if (S_ISDIR(st.st_mode)) fail("cannot write", path, EISDIR);
    if (S_ISREG(st.st_mode)) {
        // Through a symbolic link, replace the file it names, not the link.
        std::error_code ec;
        const auto real = std::filesystem::canonical(path, ec);
        target_ = ec ? path : real.string();
        mode_ = st.st_mode & 07777;
        open_temporary(target_);
        return;
    }
    owned_ = core::UniqueFd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!owned_) fail("cannot open", path, errno);
    fd_ = owned_.get();
}

void OutputFile::open_temporary(const std::string& path) {
    std::string name = path + ".XXXXXX";
    owned_ = core::UniqueFd(::mkostemp(name.data(), O_CLOEXEC));
    if (!owned_) fail("cannot create a temporary file beside", path, errno);
    temp_ = std::move(name);
    fd_ = owned_.get();
}

OutputFile::~OutputFile() {
    owned_.reset();
    if (!temp_.empty() && !committed_) ::unlink(temp_.c_str());
}

bool OutputFile::is_stream() const noexcept {
    struct stat st {};
    return ::fstat(fd_, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

void OutputFile::commit() {
    if (temp_.empty()) {
        if (owned_ && owned_.reset() != 0) fail("cannot write", name_, errno);
        return;
    }
    if (::fchmod(fd_, mode_) != 0) fail("cannot set the permissions of", temp_, errno);
    if (owned_.reset() != 0) fail("cannot write", temp_, errno);
    if (::rename(temp_.c_str(), target_.c_str()) != 0) fail("cannot replace", target_, errno);
    committed_ = true;
}

} // namespace preamp::render
