// Reads a configuration file, or one it @includes, safely: never blocking on a FIFO or
// a device, only regular files, at most 1 MiB, no NUL bytes.

#include "ReadFile.hpp"

#include "ConfigError.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace preamp::config {
namespace {

std::string errno_text(int e) {
    return std::generic_category().message(e);
}

const char* file_type(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

class Fd {
public:
    explicit Fd(int fd) noexcept : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    [[nodiscard]] int get() const noexcept { return fd_; }

private:
    int fd_;
};

} // namespace

std::string read_config_file(int dir_fd, const std::string& name, const std::string& shown,
                             bool follow) {
    const int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | (follow ? 0 : O_NOFOLLOW);
    const Fd fd(::openat(dir_fd, name.c_str(), flags));
    if (fd.get() < 0) {
        const int e = errno;
        if (e == ELOOP && !follow)
            throw ConfigError(shown + ": is a symbolic link: only regular files are allowed");
        throw ConfigError(shown + ": cannot be read: " + errno_text(e));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0)
        throw ConfigError(shown + ": cannot be read: " + errno_text(errno));
    if (!S_ISREG(st.st_mode))
        throw ConfigError(shown + ": is " + file_type(st.st_mode) +
                          ": only regular files are allowed");
    if (static_cast<unsigned long long>(st.st_size) > kMaxConfigBytes)
        throw ConfigError(shown + ": is larger than 1 MiB");
    std::string text;
    char buf[16384];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw ConfigError(shown + ": cannot be read: " + errno_text(errno));
        if (n == 0) break;
        text.append(buf, static_cast<std::size_t>(n));
        if (text.size() > kMaxConfigBytes) throw ConfigError(shown + ": is larger than 1 MiB");
    }
    if (text.find('\0') != std::string::npos)
        throw ConfigError(shown + ": contains a NUL byte: not a text file");
    return text;
}

} // namespace preamp::config
