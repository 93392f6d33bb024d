#pragma once

#include "Origins.hpp"

#include <map>
#include <string>

namespace preamp::config {

/// Where each setting was read, by libconfig path ("inputs.[1].name"), so that errors
/// found after reading (core::Config::validate) can still name the line.
class Lines {
public:
    /// `origins` (which must outlive this) says which file and line each line of the
    /// parsed text is.
    explicit Lines(const Origins& origins) : origins_(&origins) {}

    /// `path` is at line `line` of the parsed text (0: libconfig does not know).
    void record(const std::string& path, unsigned line);
    /// "FILE:LINE" of `path`, else of its nearest recorded parent, else "FILE".
    [[nodiscard]] std::string where(const std::string& path) const;
    /// Throws ConfigError "FILE:LINE: PATH: problem".
    [[noreturn]] void fail(const std::string& path, const std::string& problem) const;
    /// Throws ConfigError "FILE:LINE: message", for messages that name the setting.
    [[noreturn]] void raise(const std::string& path, const std::string& message) const;

private:
    const Origins* origins_;
    std::map<std::string, std::string> where_;
};

} // namespace preamp::config
