#include "Log.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace preamp::daemon::log {
namespace {

// Whether stderr is the journal: systemd sets JOURNAL_STREAM to "DEVICE:INODE" of the
// stream it connects stderr to (systemd.exec(5)); a child of ours, or a redirect, keeps
// the variable but not the file, so the two must match.
bool stderr_is_journal() {
    const char* env = std::getenv("JOURNAL_STREAM");
    if (env == nullptr) return false;
    unsigned long long dev = 0, ino = 0;
    int used = 0;
    if (std::sscanf(env, "%llu:%llu%n", &dev, &ino, &used) != 2 || env[used] != '\0') return false;
    struct stat st {};
    return ::fstat(STDERR_FILENO, &st) == 0 && st.st_dev == dev && st.st_ino == ino;
}

// The journal's prefix, or what a person reads on a terminal or in a file.
const char* prefix(const char* journal, const char* plain) {
    static const bool to_journal = stderr_is_journal();
    return to_journal ? journal : plain;
}

// One write(2), so lines from several threads never interleave.
void emit(const char* prefix, std::string_view message) {
    std::string line(prefix);
    line.append(message);
    line += '\n';
    std::string_view rest = line;
    while (!rest.empty()) {
        const ssize_t n = ::write(STDERR_FILENO, rest.data(), rest.size());
        if (n <= 0) return;
        rest.remove_prefix(static_cast<std::size_t>(n));
    }
}

} // namespace

void error(std::string_view message) {
    emit(prefix("<3>", "error: "), message);
}
void warning(std::string_view message) {
    emit(prefix("<4>", "warning: "), message);
}
void info(std::string_view message) {
    emit(prefix("<6>", ""), message);
}

} // namespace preamp::daemon::log
