#include "Paths.hpp"

#include "paths.h"

#include <cstdlib>

namespace preamp::daemon {
namespace {

// The first directory of a systemd directory variable (it holds one absolute path per
// directory the unit lists, separated by ':'); "" when unset or not absolute.
std::string systemd_directory(const char* variable) {
    const char* value = std::getenv(variable);
    if (value == nullptr) return {};
    std::string dir(value);
    dir = dir.substr(0, dir.find(':'));
    if (dir.empty() || dir.front() != '/') return {};
    while (dir.size() > 1 && dir.back() == '/')
        dir.pop_back();
    return dir == "/" ? "" : dir;
}

} // namespace

std::string Paths::config_file() {
    const std::string dir = systemd_directory("CONFIGURATION_DIRECTORY");
    return dir.empty() ? built_config_file() : dir + "/preampd.conf";
}

std::string Paths::state_file() {
    const std::string dir = systemd_directory("STATE_DIRECTORY");
    return dir.empty() ? built_state_file() : dir + "/state";
}

std::string Paths::built_config_file() {
    return PREAMPD_CONFIG_FILE;
}

std::string Paths::built_state_file() {
    return PREAMPD_STATE_FILE;
}

} // namespace preamp::daemon
