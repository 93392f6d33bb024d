#include "Connect.hpp"

#include "core/Regex.hpp"

namespace preamp::config {

std::vector<std::string> Connect::read(const Node& list) {
    std::vector<std::string> entries;
    for (const Node& n : list.elements()) {
        std::string entry = n.string();
        if (entry.empty()) n.fail("empty: give a JACK port name (\"system:capture_1\")");
        if (entry.front() == '~') {
            if (entry.size() == 1) n.fail("\"~\" needs a regular expression after it");
            try {
                const std::regex compiled(entry.substr(1), std::regex::ECMAScript);
            } catch (const std::regex_error& e) {
                n.fail("\"" + entry + "\" is not a valid regular expression: " + e.what());
            }
        } else if (entry.find(':') == std::string::npos) {
            n.fail("\"" + entry +
                   "\" is not a full JACK port name (client:port, \"system:capture_1\"); "
                   "start it with '~' for a regular expression");
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

void Connect::check_count(const Lines& lines, const std::string& path, std::size_t entries,
                          std::size_t channels, const char* owner) {
    if (entries <= channels) return;
    lines.raise(path, path + " has " + std::to_string(entries) + " entries: the " + owner +
                          " has " + std::to_string(channels) + " channels");
}

} // namespace preamp::config
