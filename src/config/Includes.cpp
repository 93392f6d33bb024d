// Expands @include lines before libconfig sees the text (libconfig 1.5 has no hook to
// confine them), keeping the origin of every line for the messages.

#include "Includes.hpp"

#include "ConfigError.hpp"
#include "ReadFile.hpp"
#include "Scanner.hpp"

#include <algorithm>
#include <fcntl.h>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace preamp::config {
namespace {

class Expander {
public:
    // `dir_fd` < 0: no directory, so no @include.
    Expander(int dir_fd, std::string dir) : dir_fd_(dir_fd), dir_(std::move(dir)) {}

    Expanded run(const std::string& text, const std::string& name) {
        const unsigned main = result_.origins.add_file(name);
        names_.push_back(name);
        expand(text, main);
        return std::move(result_);
    }

private:
    void emit(std::string_view s, unsigned file, unsigned& line) {
        for (const char c : s) {
            if (at_line_start_) result_.origins.add_line(file, line);
            at_line_start_ = false;
            result_.text += c;
            if (c == '\n') ++line, at_line_start_ = true;
        }
    }

    [[noreturn]] void refuse(const std::string& where, const std::string& name,
                             const std::string& problem) const {
        throw ConfigError(where + ": @include \"" + name + "\": " + problem);
    }

    std::string rule() const {
        return "@include takes the name of a regular file in the configuration's own "
               "directory (" + dir_ + "), without \"/\"";
    }

    void check_name(const std::string& where, const std::string& name,
                    std::string_view raw) const {
        if (dir_fd_ < 0)
            refuse(where, name, "not allowed in a text that is not a file: " + rule());
        const bool control = std::any_of(name.begin(), name.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        });
        if (name.empty() || name == "." || name == ".." || control ||
            name.find('/') != std::string::npos || raw.find('\\') != std::string_view::npos)
            refuse(where, name, "not allowed: " + rule());
    }

    void include(const std::string& where, const std::string& name, std::string_view raw,
                 std::vector<unsigned>& stack) {
        check_name(where, name, raw);
        if (++includes_ > kMaxIncludes)
            refuse(where, name, "more than " + std::to_string(kMaxIncludes) + " @include'd files");
        const std::string shown = dir_ + "/" + name;
        for (const unsigned f : stack)
            if (names_[f] == shown) refuse(where, name, "includes itself");
        std::string text;
        try {
            text = read_config_file(dir_fd_, name, shown, false);
        } catch (const ConfigError& e) {
            refuse(where, name, std::string(e.what()) + " (" + rule() + ")");
        }
        if (result_.text.size() + text.size() > kMaxConfigBytes)
            refuse(where, name, "the configuration with its @include'd files is larger than 1 MiB");
        const unsigned file = result_.origins.add_file(shown);
        names_.push_back(shown);
        stack.push_back(file);
        expand(text, file, stack);
        stack.pop_back();
        unsigned last = 0;
        if (!at_line_start_) emit("\n", file, last);
    }

    void expand(const std::string& text, unsigned file) {
        std::vector<unsigned> stack{file};
        expand(text, file, stack);
    }

    void expand(const std::string& text, unsigned file, std::vector<unsigned>& stack) {
        const Scan s = scan(text);
        const std::string name = names_[file]; // a copy: includes add to names_
        if (file != 0 && s.open_string != 0)
            throw ConfigError(name + ":" + std::to_string(s.open_string) +
                              ": syntax error: this string is never closed (expected '\"')");
        if (file != 0 && s.open_comment != 0)
            throw ConfigError(name + ":" + std::to_string(s.open_comment) +
                              ": syntax error: this /* comment is never closed (expected */)");
        unsigned line = 1;
        std::size_t pos = 0;
        for (const Token& t : s.tokens) {
            if (t.kind != Token::Kind::include) continue;
            emit(std::string_view(text).substr(pos, t.begin - pos), file, line);
            include(name + ":" + std::to_string(t.line), t.value,
                    std::string_view(text).substr(t.begin, t.end - t.begin), stack);
            pos = t.end;
            line = t.line; // the rest of the directive's line
        }
        emit(std::string_view(text).substr(pos), file, line);
    }

    int dir_fd_;
    std::string dir_;
    Expanded result_;
    std::vector<std::string> names_; // by file index
    bool at_line_start_ = true;
    unsigned includes_ = 0;
};

} // namespace

Expanded expand_file(const std::filesystem::path& path) {
    const std::string name = path.string();
    const std::string text = read_config_file(AT_FDCWD, name, name, true);
    const std::filesystem::path parent = path.parent_path();
    const std::string dir = parent.empty() ? "." : parent.string();
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0) throw ConfigError(dir + ": the configuration's directory cannot be opened");
    struct Close {
        int fd;
        ~Close() { ::close(fd); }
    } const close{dir_fd};
    return Expander(dir_fd, dir).run(text, name);
}

Expanded expand_text(const std::string& text, const std::string& name) {
    if (text.size() > kMaxConfigBytes) throw ConfigError(name + ": is larger than 1 MiB");
    if (text.find('\0') != std::string::npos)
        throw ConfigError(name + ": contains a NUL byte: not a text file");
    return Expander(-1, "").run(text, name);
}

} // namespace preamp::config
