#pragma once

// Regular expressions for the integration tests, compiled in Pattern.cpp only: <regex>
// is the slowest header of the standard library to instantiate, and each test program
// that built its own std::regex took twice as long to compile.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace preamp::test {

/// An ECMAScript regular expression (std::regex's default grammar).
class Pattern {
public:
    /// Implicit, so that a call taking a Pattern takes the expression's text.
    Pattern(const char* expression);
    Pattern(const std::string& expression);

    /// Whether it matches somewhere in `text` (std::regex_search).
    [[nodiscard]] bool found_in(const std::string& text) const;
    /// How many times it matches in `text`, one match after another.
    [[nodiscard]] std::size_t count_in(const std::string& text) const;
    /// When it matches the whole of `text` (std::regex_match): the whole match, then each
    /// group's text.
    [[nodiscard]] std::optional<std::vector<std::string>> match(const std::string& text) const;
    /// `text` with each match replaced by `with` ($1 and the like refer to groups).
    [[nodiscard]] std::string replace(const std::string& text, const std::string& with) const;
    /// Every match in `text`: for each, the whole match, then each group's text.
    [[nodiscard]] std::vector<std::vector<std::string>> all_in(const std::string& text) const;

private:
    struct Compiled;
    std::shared_ptr<const Compiled> compiled_;
};

} // namespace preamp::test
