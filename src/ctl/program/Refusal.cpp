// Refusal: what preampctl says when the bus's policy refuses a command
// (org.freedesktop.DBus.Error.AccessDenied).

#include "Refusal.hpp"

#include <algorithm>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>
#include <vector>

namespace preamp::ctl {
namespace {

// What the command does, and whether it changes anything.
struct Attempt {
    std::string what;
    bool changes;
};

struct Describe {
    Attempt operator()(const Status&) const { return {"reading the status", false}; }
    Attempt operator()(const Knob& k) const {
        return {(k.change ? "setting " : "reading ") + std::string(command_word(k.name)),
                k.change.has_value()};
    }
    Attempt operator()(const Flag& f) const {
        return {(f.to ? "setting " : "reading ") + std::string(command_word(f.name)),
                f.to.has_value()};
    }
    Attempt operator()(const Source& s) const {
        return {s.name ? "selecting the source" : "reading the source", s.name.has_value()};
    }
    Attempt operator()(const RecSource& s) const {
        return {s.name ? "selecting the rec source" : "reading the rec source", s.name.has_value()};
    }
    Attempt operator()(const Levels&) const { return {"reading levels", false}; }
    Attempt operator()(const Monitor&) const { return {"monitoring", false}; }
    Attempt operator()(const Save&) const { return {"saving the state", true}; }
    Attempt operator()(const Help&) const { return {"help", false}; }
    Attempt operator()(const Sub& s) const {
        const bool changes = s.to || s.level;
        return {changes ? "setting the sub" : "reading the sub", changes};
    }
    Attempt operator()(const Amount& a) const {
        return {(a.value ? "setting " : "reading ") + std::string(command_word(a.name)),
                a.value.has_value()};
    }
    Attempt operator()(const SubPolarity& p) const {
        return {p.inverted ? "setting the sub polarity" : "reading the sub polarity",
                p.inverted.has_value()};
    }
    Attempt operator()(const Polarity& p) const {
        return {p.inverted.empty() ? "reading the polarity" : "setting the polarity",
                !p.inverted.empty()};
    }
    Attempt operator()(const Speakers& s) const {
        return {s.sets.empty() ? "reading the speaker sets" : "choosing the speaker sets",
                !s.sets.empty()};
    }
};

// "uid 1000 (ann), not in group audio (…)": who we are, as far as the bus can tell.
std::string who() {
    const uid_t uid = ::getuid();
    const passwd* pw = ::getpwuid(uid);
    const std::string name = pw != nullptr ? pw->pw_name : "";
    std::string s = "you are uid " + std::to_string(uid) + (name.empty() ? "" : " (" + name + ")");
    const group* audio = ::getgrnam("audio");
    if (audio == nullptr) return s + "; there is no group audio";
    std::vector<gid_t> groups(static_cast<std::size_t>(std::max(::getgroups(0, nullptr), 0)));
    const int n = ::getgroups(static_cast<int>(groups.size()), groups.data());
    groups.resize(static_cast<std::size_t>(std::max(n, 0)));
    groups.push_back(::getegid());
    if (std::find(groups.begin(), groups.end(), audio->gr_gid) != groups.end())
        return s + ", in group audio";
    bool listed = false;
    for (char** m = audio->gr_mem; m != nullptr && *m != nullptr; ++m)
        listed = listed || (!name.empty() && name == *m);
    if (listed) return s + ", in group audio since your login: log in again";
    const std::string user = name.empty() ? "USER" : name;
    return s + ", not in group audio (sudo usermod -aG audio " + user + ", then log in again)";
}

} // namespace

std::string refusal(const Command& command, const std::string& bus_message) {
    const Attempt a = std::visit(Describe{}, command);
    if (!a.changes) return a.what + " was refused by the bus: " + bus_message;
    return a.what + " needs root or group audio; " + who();
}

} // namespace preamp::ctl
