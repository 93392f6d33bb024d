// Says where a libconfig syntax error is and what was expected, from the tokens: the
// bracket never closed or wrongly closed, the missing name, '=' or value.

#include "Syntax.hpp"

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace preamp::config {
namespace {

char closer_of(char open) {
    return open == '{' ? '}' : open == '(' ? ')' : ']';
}

std::string quoted(char c) {
    return std::string("'") + c + "'";
}

// "line N" when `opener` ("FILE:N") is in the same file as `here`, else "FILE:N".
std::string place(const std::string& opener, const std::string& here) {
    const auto file = [](const std::string& w) { return w.substr(0, w.rfind(':')); };
    return file(opener) == file(here) ? "line " + opener.substr(opener.rfind(':') + 1) : opener;
}

struct Open {
    char bracket;
    unsigned line;
};

// A bracket that is never closed, or a closer that does not match: the message.
std::optional<std::string> brackets(std::string_view text, const Scan& scan,
                                    const Origins& origins) {
    std::vector<Open> open;
    for (const Token& t : scan.tokens) {
        const char c = text[t.begin];
        if (t.kind == Token::Kind::open) open.push_back({c, t.line});
        if (t.kind != Token::Kind::close) continue;
        const std::string here = origins.where(t.line);
        if (open.empty()) return here + ": syntax error: " + quoted(c) + " closes nothing";
        const Open top = open.back();
        open.pop_back();
        if (closer_of(top.bracket) != c)
            return here + ": syntax error: " + quoted(c) + " does not close the " +
                   quoted(top.bracket) + " of " + place(origins.where(top.line), here) +
                   " (expected " + quoted(closer_of(top.bracket)) + ")";
    }
    if (open.empty()) return std::nullopt;
    return origins.where(open.back().line) + ": syntax error: this " +
           quoted(open.back().bracket) + " is never closed (expected " +
           quoted(closer_of(open.back().bracket)) + ")";
}

// What the tokens of line `line` lack: a value after '=', '=' after a name, a name.
std::optional<std::string> expected(std::string_view text, const Scan& scan, unsigned line) {
    const auto& ts = scan.tokens;
    using K = Token::Kind;
    for (std::size_t i = 0; i < ts.size(); ++i) {
        if (ts[i].line != line) continue;
        const K prev = i > 0 ? ts[i - 1].kind : K::separator;
        const bool last = i + 1 == ts.size();
        const K next = last ? K::garbage : ts[i + 1].kind;
        const std::string_view s = text.substr(ts[i].begin, ts[i].end - ts[i].begin);
        if (ts[i].kind == K::equals && prev != K::word)
            return "expected a setting's name before '" + std::string(s) + "'";
        if (ts[i].kind == K::equals && (last || next == K::separator || next == K::close))
            return "expected a value after '" + std::string(s) + "'";
        // A name starts a setting: first, after ';', or after a group's '{'.
        const bool setting_start = i == 0 || (prev == K::separator && text[ts[i - 1].begin] == ';') ||
                                   (prev == K::open && text[ts[i - 1].begin] == '{');
        if (ts[i].kind == K::word && setting_start && next != K::equals)
            return "expected '=' or ':' after " + std::string(s);
    }
    return std::nullopt;
}

} // namespace

std::string syntax_message(std::string_view text, const Scan& scan, const Origins& origins,
                           unsigned line, const std::string& error) {
    if (scan.open_string != 0)
        return origins.where(scan.open_string) +
               ": syntax error: this string is never closed (expected '\"')";
    if (error != "syntax error") return origins.where(line) + ": syntax error: " + error;
    if (auto m = brackets(text, scan, origins)) return *m;
    if (auto m = expected(text, scan, line)) return origins.where(line) + ": syntax error: " + *m;
    return origins.where(line) +
           ": syntax error (a setting is NAME = VALUE; see SYNTAX in preampd.conf(5))";
}

} // namespace preamp::config
