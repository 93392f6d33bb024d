#include "StateFile.hpp"

#include "Errors.hpp"
#include "FormatNumber.hpp"

#include <algorithm>
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
#include <vector>

namespace preamp::core {
namespace {

constexpr std::uintmax_t kMaxBytes = 64 * 1024;
// How every state file begins, and so every temporary file write() leaves.
constexpr std::string_view kHeader = "# preampd state";
// What write() puts between the file's name and mkstemp's six characters: so distinct
// that remove_stale_temporaries() can tell its files from anybody's backup.
constexpr std::string_view kTemporary = ".tmp-";

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

class Parser {
public:
    Parser(const std::string& name, int line) : name_(name), line_(line) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw StateFileError(name_ + ":" + std::to_string(line_) + ": " + what);
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

    /// "normal, inverted": true for each inverted.
    std::vector<bool> polarity(std::string_view key, std::string_view v) const {
        std::vector<bool> out;
        for (const auto& word : words(v)) {
            if (word != "normal" && word != "inverted")
                refuse(key, v, "a list of normal or inverted");
            out.push_back(word == "inverted");
        }
        return out;
    }

    /// "a, b": the words between the commas, blank ones left out.
    static std::vector<std::string> words(std::string_view v) {
        std::vector<std::string> out;
        while (!v.empty()) {
            const auto comma = v.find(',');
            const std::string_view w = trim(v.substr(0, comma));
            if (!w.empty()) out.emplace_back(w);
            v.remove_prefix(comma == std::string_view::npos ? v.size() : comma + 1);
        }
        return out;
    }

private:
    /// key = "value" is not `expected`.
    [[noreturn]] void refuse(std::string_view key, std::string_view v, const char* expected) const {
        fail(std::string(key) + " = \"" + std::string(v) + "\" is not " + expected);
    }

    const std::string& name_;
    int line_;
};

// The sub values of `s`, SubState's defaults for those the base and the file have not
// given yet.
SubState& sub(State& s) {
    if (!s.sub) s.sub.emplace();
    return *s.sub;
}

// "volume_db.NAME": the remembered volume of input NAME.
constexpr std::string_view kRemembered = "volume_db.";

void apply(State& s, std::string_view key, std::string_view v, const Parser& p) {
    if (key == "volume_db")
        s.volume_db = p.number(key, v);
    else if (key == "common_volume_db")
        s.common_volume_db = p.number(key, v);
    else if (key.starts_with(kRemembered) && key.size() > kRemembered.size())
        s.remembered_db[std::string(key.substr(kRemembered.size()))] = p.number(key, v);
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
    else if (key == "mono")
        s.mono = p.boolean(key, v);
    else if (key == "swap")
        s.swap = p.boolean(key, v);
    else if (key == "polarity")
        s.polarity = p.polarity(key, v);
    else if (key == "speakers")
        s.speakers = Parser::words(v);
    else if (key == "sub_enabled")
        sub(s).enabled = p.boolean(key, v);
    else if (key == "sub_level_db")
        sub(s).level_db = p.number(key, v);
    else if (key == "crossover_hz")
        sub(s).crossover_hz = p.number(key, v);
    else if (key == "sub_delay_ms")
        sub(s).delay_ms = p.number(key, v);
    else if (key == "sub_polarity_inverted")
        sub(s).polarity_inverted = p.boolean(key, v);
    else
        p.fail("unknown key \"" + std::string(key) + "\"");
}

// The shortest text that reads back as `v`, bit for bit (std::to_chars): what is saved is
// what is restored, even at the ends of a double's range.
std::string exact(double v) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : format_number(v);
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
    State s = base;
    for (int n = 1; !text.empty(); ++n) {
        const auto nl = text.find('\n');
        const std::string_view l = trim(text.substr(0, nl));
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        if (l.empty() || l.front() == '#') continue;
        const Parser p(name, n);
        const auto eq = l.find('=');
        if (eq == std::string_view::npos) p.fail("expected \"key = value\"");
        apply(s, trim(l.substr(0, eq)), trim(l.substr(eq + 1)), p);
    }
    return s;
}

std::string StateFile::text(const State& s) {
    std::ostringstream o;
    const auto b = [](bool v) { return v ? "true" : "false"; };
    std::string polarity;
    for (const bool inverted : s.polarity)
        polarity.append(polarity.empty() ? "" : ", ").append(inverted ? "inverted" : "normal");
    std::string speakers;
    for (const auto& name : s.speakers)
        speakers.append(speakers.empty() ? "" : ", ").append(name);
    o << kHeader << ": written by preampd, read at start\n"
      << "volume_db = " << exact(s.volume_db) << '\n'
      << "common_volume_db = " << exact(s.common_volume_db) << '\n';
    for (const auto& [name, db] : s.remembered_db)
        o << kRemembered << name << " = " << exact(db) << '\n';
    o << "mute = " << b(s.mute) << '\n'
      << "dim = " << b(s.dim) << '\n'
      << "source = " << s.source << '\n'
      << "rec_source = " << s.rec_source << '\n'
      << "balance = " << exact(s.balance) << '\n'
      << "bass_db = " << exact(s.bass_db) << '\n'
      << "treble_db = " << exact(s.treble_db) << '\n'
      << "loudness = " << b(s.loudness) << '\n'
      << "direct = " << b(s.direct) << '\n'
      << "mono = " << b(s.mono) << '\n'
      << "swap = " << b(s.swap) << '\n'
      << "polarity = " << polarity << '\n'
      << "speakers = " << speakers << '\n';
    if (const auto& sub = s.sub)
        o << "sub_enabled = " << b(sub->enabled) << '\n'
          << "sub_level_db = " << exact(sub->level_db) << '\n'
          << "crossover_hz = " << exact(sub->crossover_hz) << '\n'
          << "sub_delay_ms = " << exact(sub->delay_ms) << '\n'
          << "sub_polarity_inverted = " << b(sub->polarity_inverted) << '\n';
    return o.str();
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
