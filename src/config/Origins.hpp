#pragma once

#include <string>
#include <utility>
#include <vector>

namespace preamp::config {

/// Where each line of the text libconfig parses came from: the configuration file or one
/// of the files it @includes, and the line there, so that messages name the real place.
class Origins {
public:
    /// Registers a file under the name messages use; returns its index. The first is the
    /// configuration file itself.
    unsigned add_file(std::string name) {
        files_.push_back(std::move(name));
        return static_cast<unsigned>(files_.size() - 1);
    }
    /// The next line of the text is line `line` of file `file`.
    void add_line(unsigned file, unsigned line) { lines_.push_back({file, line}); }
    /// The configuration file's name.
    [[nodiscard]] const std::string& main() const { return files_.front(); }
    /// "FILE:LINE" of line `line` (from 1) of the text; past the end, of the end.
    [[nodiscard]] std::string where(unsigned line) const {
        if (line == 0 || lines_.empty()) return main() + ":" + std::to_string(line);
        if (line > lines_.size()) {
            const auto& [file, last] = lines_.back();
            return files_[file] + ":" + std::to_string(last + (line - lines_.size()));
        }
        const auto& [file, at] = lines_[line - 1];
        return files_[file] + ":" + std::to_string(at);
    }

private:
    std::vector<std::string> files_;
    std::vector<std::pair<unsigned, unsigned>> lines_;
};

} // namespace preamp::config
