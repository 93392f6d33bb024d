#pragma once

#include "Lines.hpp"

#include <initializer_list>
#include <libconfig.h++>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preamp::config {

/// One libconfig setting being read, with its path as libconfig spells it
/// ("inputs.[0].connect.[1]"). Every access records the setting's line in Lines and
/// checks its type, so that each error names the file, the line and the setting.
class Node {
public:
    /// The root of a parsed file.
    Node(const libconfig::Setting& root, Lines& lines);

    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[nodiscard]] const Lines& lines() const noexcept { return *lines_; }

    /// Throws unless this is a group whose keys are all in `known`; an unknown key is
    /// named with the closest known one as a suggestion.
    void expect_group(std::initializer_list<std::string_view> known) const;
    /// The member `key` of this group, if present.
    [[nodiscard]] std::optional<Node> member(const char* key) const;
    /// The member `key` of this group; throws when it is absent.
    [[nodiscard]] Node require(const char* key) const;
    /// The elements of this list `( … )` or array `[ … ]`.
    [[nodiscard]] std::vector<Node> elements() const;
    /// An int or a float.
    [[nodiscard]] double number() const;
    [[nodiscard]] std::string string() const;
    [[nodiscard]] bool boolean() const;
    [[nodiscard]] std::vector<std::string> strings() const;

    /// Throws ConfigError "FILE:LINE: PATH: problem".
    [[noreturn]] void fail(const std::string& problem) const;

private:
    Node(const libconfig::Setting& setting, std::string path, Lines& lines);
    [[noreturn]] void wrong_type(std::string_view expected) const;

    const libconfig::Setting* setting_;
    std::string path_;
    Lines* lines_;
};

/// Reads the optional member `key` of `group` into `out`; absent leaves `out` alone.
void read(const Node& group, const char* key, double& out);
void read(const Node& group, const char* key, bool& out);
void read(const Node& group, const char* key, std::string& out);
void read(const Node& group, const char* key, std::vector<std::string>& out);

} // namespace preamp::config
