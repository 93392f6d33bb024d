#pragma once

#include "Origins.hpp"

#include <filesystem>
#include <string>

namespace preamp::config {

/// The text libconfig is given: a configuration file with each of its @include lines
/// replaced by the file it names, and where each line came from.
struct Expanded {
    std::string text;
    Origins origins;
};

/// Reads `path` (a regular file) and expands its @include lines. An @include names a
/// regular file in the same directory as `path`, without "/": opened without following
/// a symbolic link and without blocking, at most 1 MiB with everything included, no
/// NUL byte, at most kMaxIncludes files, never itself. Throws ConfigError.
[[nodiscard]] Expanded expand_file(const std::filesystem::path& path);
/// The same for a text that has no directory (`name` names it): @include is refused.
[[nodiscard]] Expanded expand_text(const std::string& text, const std::string& name);

constexpr unsigned kMaxIncludes = 64;

} // namespace preamp::config
