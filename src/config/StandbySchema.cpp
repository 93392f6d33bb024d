#include "StandbySchema.hpp"

#include "Node.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

namespace preamp::config::standby_schema {
namespace {

// A hook's argv. Whether the path is absolute is core::Config::validate's to say.
void read_hook(const Node& n, const char* key, std::vector<std::string>& argv) {
    const auto hook = n.member(key);
    if (!hook) return;
    config::read(n, key, argv);
    if (argv.empty() || argv.front().empty() || argv.front().front() != '/') return;
    if (::access(argv.front().c_str(), X_OK) != 0)
        hook->fail("\"" + argv.front() + "\" cannot be run: " + std::strerror(errno));
}

} // namespace

std::initializer_list<std::string_view> keys() {
    static const std::initializer_list<std::string_view> keys{
        "auto",          "after_s",    "threshold_dbfs", "signal_hold_ms", "fade_ms",
        "wake_delay_ms", "on_standby", "on_wake",        "hook_timeout_s"};
    return keys;
}

void read(const Node& group, core::StandbyConfig& s) {
    group.expect_group(keys());
    s.on_silence = true; // the group is there to have it
    config::read(group, "auto", s.on_silence);
    config::read(group, "after_s", s.after_s);
    config::read(group, "threshold_dbfs", s.threshold_dbfs);
    config::read(group, "signal_hold_ms", s.signal_hold_ms);
    config::read(group, "fade_ms", s.fade_ms);
    config::read(group, "wake_delay_ms", s.wake_delay_ms);
    config::read(group, "hook_timeout_s", s.hook_timeout_s);
    read_hook(group, "on_standby", s.on_standby);
    read_hook(group, "on_wake", s.on_wake);
}

} // namespace preamp::config::standby_schema
