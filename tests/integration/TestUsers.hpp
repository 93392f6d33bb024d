#pragma once

#include "TempDir.hpp"

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace preamp::test {

/// Users and groups that exist only for a test. The host's /etc/passwd and /etc/group are
/// copied into a temporary directory and the entries are added there; a program started
/// through prefix() runs in a private mount namespace where the copies are bind-mounted
/// over /etc/passwd and /etc/group. So it (getpwnam, initgroups, dbus-daemon reading its
/// policy) sees the test users, and the host's files are never touched. Needs root
/// (unshare, mount, setpriv): unusable() says why it does not work, for GTEST_SKIP.
/// Main thread only, like everything in the fixture.
class TestUsers {
public:
    TestUsers();
    TestUsers(const TestUsers&) = delete;
    TestUsers& operator=(const TestUsers&) = delete;

    /// Adds user `name` (home /nonexistent, shell nologin) whose primary group is `gid`
    /// (a group named `name` is added when no group has that gid) and who is a member of
    /// the groups `groups` (which must exist). A host user of that name is replaced; a
    /// uid the host uses for another name is std::invalid_argument, as is a missing group.
    void add(const std::string& name, uid_t uid, gid_t gid,
             const std::vector<std::string>& groups = {});
    /// The uid of user `name`, the gid of group `name`, in the copies;
    /// std::invalid_argument if there is none.
    [[nodiscard]] uid_t uid(const std::string& name) const;
    [[nodiscard]] gid_t gid(const std::string& group) const;

    /// The command that runs a program with the copies as the user database
    /// (ProcessOptions::prefix): unshare --mount, bind mounts, exec.
    [[nodiscard]] std::vector<std::string> prefix() const;
    /// prefix(), then setpriv as user `name` with the groups the copies give it
    /// (initgroups), as a login or systemd's User= does.
    [[nodiscard]] std::vector<std::string> login(const std::string& name) const;
    /// Why prefix() and login() do not work here (the error), or nothing if they do.
    [[nodiscard]] std::optional<std::string> unusable() const;

private:
    /// The line of `file` whose first field is `name`; file.end() if none.
    static std::vector<std::string>::iterator find(std::vector<std::string>& file,
                                                   const std::string& name);
    void write() const;

    TempDir dir_;
    std::vector<std::string> passwd_;
    std::vector<std::string> group_;
};

/// `setpriv` and its arguments, to run a command (ProcessOptions::prefix) as uid:gid with
/// exactly `groups` as its supplementary groups (none if empty).
[[nodiscard]] std::vector<std::string> run_as(uid_t uid, gid_t gid,
                                              const std::vector<gid_t>& groups = {});

} // namespace preamp::test
