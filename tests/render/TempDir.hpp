#pragma once

#include <filesystem>
#include <set>
#include <string>

namespace preamp::test {

/// A fresh directory under $TMPDIR (or /tmp), removed with everything in it.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    /// path() / name, as a string.
    [[nodiscard]] std::string operator/(const std::string& name) const;
    /// The names of the entries in it now.
    [[nodiscard]] std::set<std::string> entries() const;

private:
    std::filesystem::path path_;
};

} // namespace preamp::test
