#include "Log.hpp"

#include <string>
#include <unistd.h>

namespace preamp::daemon::log {
namespace {

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
    emit("<3>", message);
}
void warning(std::string_view message) {
    emit("<4>", message);
}
void info(std::string_view message) {
    emit("<6>", message);
}

} // namespace preamp::daemon::log
