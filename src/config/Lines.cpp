#include "Lines.hpp"

#include "ConfigError.hpp"

namespace preamp::config {

void Lines::record(const std::string& path, unsigned line) {
    if (line == 0) return; // libconfig does not know
    where_[path] = origins_->where(line);
}

std::string Lines::where(const std::string& path) const {
    for (std::string p = path;;) {
        if (const auto it = where_.find(p); it != where_.end()) return it->second;
        const auto dot = p.rfind('.');
        if (dot == std::string::npos) return origins_->main();
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
