#pragma once

#include <map>
#include <string>
#include <utility>

namespace preamp::config {

/// Where each setting was read, by libconfig path ("inputs.[1].name"), so that errors
/// found after reading (core::Config::validate) can still name the line.
class Lines {
public:
    /// `file` names the text in messages; @include'd names are relative to `include_dir`.
    Lines(std::string file, std::string include_dir)
        : file_(std::move(file)), include_dir_(std::move(include_dir)) {}

    /// How messages name `file`, libconfig's name of a text: null for the main text, the
    /// name as written for an @include'd one.
    [[nodiscard]] std::string file_name(const char* file) const;
    void record(const std::string& path, const char* file, unsigned line);
    /// "FILE:LINE" of `path`, else of its nearest recorded parent, else "FILE".
    [[nodiscard]] std::string where(const std::string& path) const;
    /// Throws ConfigError "FILE:LINE: PATH: problem".
    [[noreturn]] void fail(const std::string& path, const std::string& problem) const;
    /// Throws ConfigError "FILE:LINE: message", for messages that name the setting.
    [[noreturn]] void raise(const std::string& path, const std::string& message) const;

private:
    std::string file_;
    std::string include_dir_;
    std::map<std::string, std::string> where_;
};

} // namespace preamp::config
