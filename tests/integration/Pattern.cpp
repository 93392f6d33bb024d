#include "Pattern.hpp"

#include "core/Regex.hpp"

#include <iterator>

namespace preamp::test {

struct Pattern::Compiled {
    std::regex re;
};

namespace {

std::vector<std::string> groups(const std::smatch& m) {
    std::vector<std::string> g;
    for (const auto& sub : m)
        g.push_back(sub.str());
    return g;
}

} // namespace

Pattern::Pattern(const char* expression) : Pattern(std::string(expression)) {}

Pattern::Pattern(const std::string& expression)
    : compiled_(std::make_shared<const Compiled>(Compiled{std::regex(expression)})) {}

bool Pattern::found_in(const std::string& text) const {
    return std::regex_search(text, compiled_->re);
}

std::size_t Pattern::count_in(const std::string& text) const {
    return static_cast<std::size_t>(std::distance(
        std::sregex_iterator(text.begin(), text.end(), compiled_->re), std::sregex_iterator()));
}

std::optional<std::vector<std::string>> Pattern::match(const std::string& text) const {
    std::smatch m;
    if (!std::regex_match(text, m, compiled_->re)) return std::nullopt;
    return groups(m);
}

std::string Pattern::replace(const std::string& text, const std::string& with) const {
    return std::regex_replace(text, compiled_->re, with);
}

std::vector<std::vector<std::string>> Pattern::all_in(const std::string& text) const {
    std::vector<std::vector<std::string>> all;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), compiled_->re);
         it != std::sregex_iterator(); ++it)
        all.push_back(groups(*it));
    return all;
}

} // namespace preamp::test
