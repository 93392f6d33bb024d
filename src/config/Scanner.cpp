// Cuts a libconfig text into tokens as libconfig 1.5's flex lexer does, so that the
// include expansion, the literal rewriting and the syntax messages see what it sees.

#include "Scanner.hpp"

#include <algorithm>
#include <cctype>

namespace preamp::config {
namespace {

bool digit(char c) {
    return c >= '0' && c <= '9';
}
bool xdigit(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}
bool name_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '*';
}
bool name_char(char c) {
    return name_start(c) || digit(c) || c == '-' || c == '_';
}

class Cursor {
public:
    explicit Cursor(std::string_view text) : t_(text) {}

    [[nodiscard]] char at(std::size_t i) const { return i < t_.size() ? t_[i] : '\0'; }
    [[nodiscard]] std::size_t size() const { return t_.size(); }
    std::size_t count(std::size_t i, bool (*pred)(char)) const {
        std::size_t n = 0;
        while (i + n < t_.size() && pred(t_[i + n]))
            ++n;
        return n;
    }
    // The length of the longest number token at `i` (0: none) and its kind.
    std::size_t number(std::size_t i, Token::Number& kind) const {
        std::size_t best = 0;
        const auto take = [&](std::size_t len, Token::Number k) {
            if (len > best) best = len, kind = k;
        };
        const std::size_t sign = (at(i) == '-' || at(i) == '+') ? 1 : 0;
        const std::size_t digits = count(i + sign, digit);
        if (digits > 0) {
            const std::size_t n = sign + digits;
            take(n, Token::Number::integer);
            if (at(i + n) == 'L') take(n + (at(i + n + 1) == 'L' ? 2 : 1), Token::Number::integer64);
        }
        if (at(i) == '0' && (at(i + 1) == 'x' || at(i + 1) == 'X')) {
            const std::size_t hex = count(i + 2, xdigit);
            if (hex > 0) {
                const std::size_t n = 2 + hex;
                take(n, Token::Number::hex);
                if (at(i + n) == 'L') take(n + (at(i + n + 1) == 'L' ? 2 : 1), Token::Number::hex64);
            }
        }
        // [-+]?[0-9]*\.[0-9]*(exp)?  |  [-+]?[0-9]+(\.[0-9]*)?exp
        std::size_t n = sign + digits;
        bool point = false;
        if (at(i + n) == '.') {
            point = true;
            n += 1 + count(i + n + 1, digit);
        }
        const std::size_t exp = exponent(i + n);
        if (point || (digits > 0 && exp > 0)) take(n + exp, Token::Number::floating);
        return best;
    }

private:
    std::size_t exponent(std::size_t i) const {
        if (at(i) != 'e' && at(i) != 'E') return 0;
        const std::size_t sign = (at(i + 1) == '-' || at(i + 1) == '+') ? 1 : 0;
        const std::size_t digits = count(i + 1 + sign, digit);
        return digits > 0 ? 1 + sign + digits : 0;
    }

    std::string_view t_;
};

// At `i`, the start of a line: the length of `[ \t]*@include[ \t]+"`, else 0.
std::size_t include_open(const Cursor& c, std::size_t i) {
    std::size_t n = c.count(i, [](char ch) { return ch == ' ' || ch == '\t'; });
    static constexpr std::string_view kWord = "@include";
    for (const char w : kWord)
        if (c.at(i + n++) != w) return 0;
    const std::size_t blanks = c.count(i + n, [](char ch) { return ch == ' ' || ch == '\t'; });
    if (blanks == 0 || c.at(i + n + blanks) != '"') return 0;
    return n + blanks + 1;
}

Token make(Token::Kind kind, std::size_t begin, std::size_t end, unsigned line) {
    Token t;
    t.kind = kind;
    t.begin = begin;
    t.end = end;
    t.line = line;
    return t;
}

} // namespace

Scan scan(std::string_view text) {
    const Cursor c(text);
    Scan out;
    unsigned line = 1;
    std::size_t i = 0;
    const auto push = [&](Token::Kind kind, std::size_t begin, std::size_t end) {
        out.tokens.push_back(make(kind, begin, end, line));
    };
    while (i < c.size()) {
        const char ch = text[i];
        const bool line_start = i == 0 || text[i - 1] == '\n';
        if (const std::size_t inc = line_start ? include_open(c, i) : 0; inc > 0) {
            // The name runs to the next unescaped quote (\\ and \" are escapes).
            Token t = make(Token::Kind::include, i, i, line);
            std::size_t j = i + inc;
            while (j < c.size() && text[j] != '"') {
                if (text[j] == '\\' && (c.at(j + 1) == '\\' || c.at(j + 1) == '"')) ++j;
                if (text[j] == '\n') ++line;
                t.value += text[j++];
            }
            if (j >= c.size()) {
                out.open_string = t.line;
                return out;
            }
            t.end = j + 1;
            out.tokens.push_back(std::move(t));
            i = j + 1;
        } else if (ch == '\n') {
            ++line, ++i;
        } else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f') {
            ++i;
        } else if (ch == '#' || (ch == '/' && c.at(i + 1) == '/')) {
            while (i < c.size() && text[i] != '\n')
                ++i;
        } else if (ch == '/' && c.at(i + 1) == '*') {
            const unsigned opened = line;
            const std::size_t close = text.find("*/", i + 2);
            const std::size_t stop = close == std::string_view::npos ? c.size() : close + 2;
            line += static_cast<unsigned>(std::count(text.begin() + static_cast<long>(i),
                                                     text.begin() + static_cast<long>(stop), '\n'));
            if (close == std::string_view::npos) out.open_comment = opened;
            i = stop;
        } else if (ch == '"') {
            Token t = make(Token::Kind::string, i, i, line);
            std::size_t j = i + 1;
            while (j < c.size() && text[j] != '"') {
                if (text[j] == '\\' && (c.at(j + 1) == 'x' || c.at(j + 1) == 'X') &&
                    c.at(j + 2) == '0' && c.at(j + 3) == '0')
                    t.nul = true;
                if (text[j] == '\\' && (c.at(j + 1) == '\\' || c.at(j + 1) == '"')) ++j;
                if (text[j] == '\n') ++line;
                ++j;
            }
            if (j >= c.size()) {
                out.open_string = t.line;
                return out;
            }
            t.end = j + 1;
            out.tokens.push_back(std::move(t));
            i = j + 1;
        } else if (Token::Number form{}; const std::size_t len = c.number(i, form)) {
            push(Token::Kind::number, i, i + len);
            out.tokens.back().number = form;
            i += len;
        } else if (name_start(ch)) {
            const std::size_t n = c.count(i, name_char);
            push(Token::Kind::word, i, i + n);
            i += n;
        } else {
            const std::string_view opens = "{([", closes = "})]";
            const Token::Kind kind = opens.find(ch) != std::string_view::npos    ? Token::Kind::open
                                     : closes.find(ch) != std::string_view::npos ? Token::Kind::close
                                     : ch == '=' || ch == ':'                    ? Token::Kind::equals
                                     : ch == ';' || ch == ','                    ? Token::Kind::separator
                                                                                 : Token::Kind::garbage;
            push(kind, i, i + 1);
            ++i;
        }
    }
    return out;
}

} // namespace preamp::config
