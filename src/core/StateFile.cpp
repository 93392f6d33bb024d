#include "StateFile.hpp"

#include "Errors.hpp"
#include "StateText.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace preamp::core {
namespace {

constexpr std::uintmax_t kMaxBytes = 64 * 1024;
// How every temporary file write() leaves begins.
constexpr std::string_view kHeader = state_text::kHeader;
// What write() puts between the file's name and mkstemp's six characters: so distinct
// that remove_stale_temporaries() can tell its files from anybody's backup.
constexpr std::string_view kTemporary = ".tmp-";

[[noreturn]] void fail_errno(const std::string& what, const std::filesystem::path& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

} // namespace

State StateFile::read(const std::filesystem::path& path, const State& base) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw StateFileError(path.string() + ": " + ec.message());
    if (size > kMaxBytes)
        throw StateFileError(path.string() + ": " + std::to_string(size) +
                             " bytes is too large for a state file (at most 65536)");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw StateFileError(path.string() + ": cannot be opened");
    std::string text(kMaxBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) throw StateFileError(path.string() + ": read error");
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxBytes) // it grew since file_size()
        throw StateFileError(path.string() + ": too large for a state file (at most 65536)");
    return parse(text, base, path.string());
}

State StateFile::parse(std::string_view text, const State& base, const std::string& name) {
    return state_text::parse(text, base, name);
}

std::string StateFile::text(const State& s) {
    return state_text::text(s);
}

void StateFile::write(const std::filesystem::path& path, const State& s) {
    const std::string text = StateFile::text(s);

    std::string tmp = path.string() + std::string(kTemporary) + "XXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) fail_errno("cannot create a temporary file beside", path);
    const auto give_up = [&](const char* what) {
        const int saved = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        errno = saved;
        fail_errno(what, path);
    };
    std::string_view rest = text;
    while (!rest.empty()) {
        const ssize_t w = ::write(fd, rest.data(), rest.size());
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) give_up("cannot write");
        rest.remove_prefix(static_cast<std::size_t>(w));
    }
    if (::fchmod(fd, kMode) != 0 || ::fsync(fd) != 0) give_up("cannot sync");
    if (::close(fd) != 0) {
        ::unlink(tmp.c_str());
        fail_errno("cannot close", path);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int saved = errno;
        ::unlink(tmp.c_str());
        errno = saved;
        fail_errno("cannot rename into", path);
    }
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

} // namespace preamp::core

namespace preamp::core {
namespace {

// mkstemp's six characters.
bool temporary_suffix(std::string_view s) {
    const auto ok = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    return s.size() == 6 && std::all_of(s.begin(), s.end(), ok);
}

// Whether `file` is one write() left: a small regular file, empty or starting as
// write()'s text starts. Opened without following a link and without blocking on a FIFO.
bool written_by_us(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    char head[kHeader.size()];
    ssize_t n = -1;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        static_cast<std::uintmax_t>(st.st_size) <= kMaxBytes)
        n = ::read(fd, head, sizeof head);
    ::close(fd);
    return n >= 0 && std::string_view(head, static_cast<std::size_t>(n)) ==
                         kHeader.substr(0, static_cast<std::size_t>(n));
}

} // namespace

std::vector<std::filesystem::path>
StateFile::remove_stale_temporaries(const std::filesystem::path& path) {
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const std::string prefix = path.filename().string() + std::string(kTemporary);
    std::vector<std::filesystem::path> removed;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() != prefix.size() + 6 || name.compare(0, prefix.size(), prefix) != 0 ||
            !temporary_suffix(std::string_view(name).substr(prefix.size())) ||
            !written_by_us(entry.path()))
            continue;
        if (::unlink(entry.path().c_str()) == 0) removed.push_back(entry.path());
    }
    return removed;
}

} // namespace preamp::core
