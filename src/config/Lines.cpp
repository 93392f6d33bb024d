#include "Lines.hpp"

#include "ConfigError.hpp"

namespace preamp::config {

std::string Lines::file_name(const char* file) const {
    if (file == nullptr) return file_;
    if (file[0] == '/' || include_dir_.empty()) return file;
    return include_dir_ + "/" + file;
}

void Lines::record(const std::string& path, const char* file, unsigned line) {
    if (line == 0) return; // libconfig does not know
    where_[path] = file_name(file) + ":" + std::to_string(line);
}

std::string Lines::where(const std::string& path) const {
    for (std::string p = path;;) {
        if (const auto it = where_.find(p); it != where_.end()) return it->second;
        const auto dot = p.rfind('.');
        if (dot == std::string::npos) return file_;
        p.resize(dot);
    }
}

void Lines::fail(const std::string& path, const std::string& problem) const {
    raise(path, path + ": " + problem);
}

void Lines::raise(const std::string& path, const std::string& message) const {
    throw ConfigError(where(path) + ": " + message);
}

} // namespace preamp::config
