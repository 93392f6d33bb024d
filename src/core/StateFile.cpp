#include "StateFile.hpp"

#include "Errors.hpp"
#include "FormatNumber.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace preamp::core {
namespace {

constexpr std::uintmax_t kMaxBytes = 64 * 1024;

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

class Parser {
public:
    Parser(const std::filesystem::path& path, int line) : path_(path), line_(line) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw StateFileError(path_.string() + ":" + std::to_string(line_) + ": " + what);
    }

    double number(std::string_view key, std::string_view v) const {
        double d = 0.0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
        if (ec != std::errc() || end != v.data() + v.size()) refuse(key, v, "a number");
        if (!std::isfinite(d)) refuse(key, v, "a finite number"); // from_chars reads nan, inf
        return d;
    }

    bool boolean(std::string_view key, std::string_view v) const {
        if (v == "true") return true;
        if (v == "false") return false;
        refuse(key, v, "true or false");
    }

private:
    /// key = "value" is not `expected`.
    [[noreturn]] void refuse(std::string_view key, std::string_view v, const char* expected) const {
        fail(std::string(key) + " = \"" + std::string(v) + "\" is not " + expected);
    }

    const std::filesystem::path& path_;
    int line_;
};

void apply(State& s, std::string_view key, std::string_view v, const Parser& p) {
    if (key == "volume_db")
        s.volume_db = p.number(key, v);
    else if (key == "mute")
        s.mute = p.boolean(key, v);
    else if (key == "dim")
        s.dim = p.boolean(key, v);
    else if (key == "source")
        s.source = v;
    else if (key == "rec_source")
        s.rec_source = v;
    else if (key == "balance")
        s.balance = p.number(key, v);
    else if (key == "bass_db")
        s.bass_db = p.number(key, v);
    else if (key == "treble_db")
        s.treble_db = p.number(key, v);
    else if (key == "loudness")
        s.loudness = p.boolean(key, v);
    else if (key == "direct")
        s.direct = p.boolean(key, v);
    else
        p.fail("unknown key \"" + std::string(key) + "\"");
}

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
    std::ifstream in(path);
    if (!in) throw StateFileError(path.string() + ": cannot be opened");

    State s = base;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        const std::string_view l = trim(line);
        if (l.empty() || l.front() == '#') continue;
        const Parser p(path, n);
        const auto eq = l.find('=');
        if (eq == std::string_view::npos) p.fail("expected \"key = value\"");
        apply(s, trim(l.substr(0, eq)), trim(l.substr(eq + 1)), p);
    }
    if (in.bad()) throw StateFileError(path.string() + ": read error");
    return s;
}

void StateFile::write(const std::filesystem::path& path, const State& s) {
    std::ostringstream o;
    const auto b = [](bool v) { return v ? "true" : "false"; };
    o << "# preampd state: written by preampd, read at start\n"
      << "volume_db = " << format_number(s.volume_db) << '\n'
      << "mute = " << b(s.mute) << '\n'
      << "dim = " << b(s.dim) << '\n'
      << "source = " << s.source << '\n'
      << "rec_source = " << s.rec_source << '\n'
      << "balance = " << format_number(s.balance) << '\n'
      << "bass_db = " << format_number(s.bass_db) << '\n'
      << "treble_db = " << format_number(s.treble_db) << '\n'
      << "loudness = " << b(s.loudness) << '\n'
      << "direct = " << b(s.direct) << '\n';
    const std::string text = o.str();

    std::string tmp = path.string() + ".XXXXXX";
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
    if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) give_up("cannot sync");
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
