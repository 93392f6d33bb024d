#include "TestUsers.hpp"

#include "DaemonProcess.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace preamp::test {
namespace {

std::vector<std::string> read_lines(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("TestUsers: cannot read " + path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

/// Field `index` of a passwd or group line ("name:x:uid:…").
std::string field(const std::string& line, std::size_t index) {
    std::istringstream in(line);
    std::string f;
    for (std::size_t i = 0; i <= index; ++i)
        if (!std::getline(in, f, ':')) return {};
    return f;
}

bool any_field_is(const std::vector<std::string>& file, std::size_t index,
                  const std::string& value) {
    return std::ranges::any_of(file, [&](const auto& line) { return field(line, index) == value; });
}

/// The line of `file` for `name`; std::invalid_argument if there is none.
const std::string& entry(const std::vector<std::string>& file, const std::string& name,
                         const char* what) {
    const auto line =
        std::ranges::find_if(file, [&](const auto& l) { return field(l, 0) == name; });
    if (line == file.end())
        throw std::invalid_argument(std::string("TestUsers: no ") + what + " " + name);
    return *line;
}

// Runs in the new mount namespace: "$1" and "$2" are the copies, the rest the command.
constexpr const char* kBindScript =
    "mount --bind \"$1\" /etc/passwd && mount --bind \"$2\" /etc/group && shift 2 && "
    "exec \"$@\"";

} // namespace

TestUsers::TestUsers() : passwd_(read_lines("/etc/passwd")), group_(read_lines("/etc/group")) {
    write();
}

std::vector<std::string>::iterator TestUsers::find(std::vector<std::string>& file,
                                                   const std::string& name) {
    return std::ranges::find_if(file, [&](const auto& line) { return field(line, 0) == name; });
}

void TestUsers::add(const std::string& name, uid_t uid, gid_t gid,
                    const std::vector<std::string>& groups) {
    if (const auto host = find(passwd_, name); host != passwd_.end()) passwd_.erase(host);
    if (any_field_is(passwd_, 2, std::to_string(uid)))
        throw std::invalid_argument("TestUsers: uid " + std::to_string(uid) + " is taken");
    for (const auto& g : groups)
        if (find(group_, g) == group_.end())
            throw std::invalid_argument("TestUsers: no group " + g + " for " + name);

    passwd_.push_back(name + ":x:" + std::to_string(uid) + ":" + std::to_string(gid) +
                      ":test user:/nonexistent:/usr/sbin/nologin");
    if (!any_field_is(group_, 2, std::to_string(gid))) {
        if (const auto host = find(group_, name); host != group_.end()) group_.erase(host);
        group_.push_back(name + ":x:" + std::to_string(gid) + ":");
    }
    for (const auto& g : groups) {
        std::string& line = *find(group_, g);
        line += (line.back() == ':' ? "" : ",") + name;
    }
    write();
}

uid_t TestUsers::uid(const std::string& name) const {
    return static_cast<uid_t>(std::stoul(field(entry(passwd_, name, "user"), 2)));
}

gid_t TestUsers::gid(const std::string& group) const {
    return static_cast<gid_t>(std::stoul(field(entry(group_, group, "group"), 2)));
}

void TestUsers::write() const {
    for (const auto& [file, lines] : {std::pair{"passwd", &passwd_}, std::pair{"group", &group_}}) {
        std::ofstream out(dir_ / file);
        for (const auto& line : *lines)
            out << line << '\n';
        if (!out.flush()) throw std::runtime_error("TestUsers: cannot write " + (dir_ / file));
    }
}

std::vector<std::string> TestUsers::prefix() const {
    return {"unshare",   "--mount", "--propagation=private", "sh",          "-c",
            kBindScript, "sh",      dir_ / "passwd",         dir_ / "group"};
}

std::vector<std::string> TestUsers::login(const std::string& name) const {
    const std::string& user = entry(passwd_, name, "user");
    std::vector<std::string> args = prefix();
    args.insert(args.end(), {"setpriv", "--reuid=" + field(user, 2), "--regid=" + field(user, 3),
                             "--init-groups"});
    return args;
}

std::optional<std::string> TestUsers::unusable() const {
    std::vector<std::string> prefix = this->prefix();
    const auto as_nobody = run_as(65534, 65534);
    prefix.insert(prefix.end(), as_nobody.begin(), as_nobody.end());
    const auto r = run(
        "true", {}, ProcessOptions{.jack_server = {}, .env = {}, .log_file = {}, .prefix = prefix});
    if (r.status == 0) return std::nullopt;
    return "cannot run programs as test users (unshare --mount, mount --bind and setpriv "
           "need CAP_SYS_ADMIN, CAP_SETUID and CAP_SETGID): " +
           r.out;
}

std::vector<std::string> run_as(uid_t uid, gid_t gid, const std::vector<gid_t>& groups) {
    std::vector<std::string> args{"setpriv", "--reuid=" + std::to_string(uid),
                                  "--regid=" + std::to_string(gid)};
    if (groups.empty()) {
        args.emplace_back("--clear-groups");
    } else {
        std::string list;
        // Appended piece by piece: `"," + std::to_string(g)` inserts at the front of the
        // temporary, which GCC 12 at -O3 takes for an overlapping memcpy (-Wrestrict; GCC
        // bugs 105329, 105651).
        for (const gid_t g : groups) {
            if (!list.empty()) list += ',';
            list += std::to_string(g);
        }
        args.push_back("--groups=" + list);
    }
    return args;
}

} // namespace preamp::test
