#include "ConfigFile.hpp"

#include "Describe.hpp"
#include "Lines.hpp"
#include "Node.hpp"
#include "Schema.hpp"
#include "core/Errors.hpp"

#include <cerrno>
#include <cstdio>
#include <libconfig.h++>
#include <memory>
#include <system_error>

namespace preamp::config {
namespace {

// A config file is a few kilobytes; anything this large was named by mistake.
constexpr std::size_t kMaxBytes = std::size_t{1} << 20;

struct FileCloser {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

std::string errno_text() {
    return std::generic_category().message(errno);
}

std::string read_text(const std::string& name) {
    const std::unique_ptr<std::FILE, FileCloser> f(std::fopen(name.c_str(), "rb"));
    if (!f) throw ConfigError(name + ": cannot be read: " + errno_text());
    std::string text;
    char buf[16384];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
        text.append(buf, n);
        if (text.size() > kMaxBytes) throw ConfigError(name + ": is larger than 1 MiB");
    }
    if (std::ferror(f.get())) throw ConfigError(name + ": cannot be read: " + errno_text());
    return text;
}

// `include_dir`: where @include looks for relative names; empty for the working directory.
core::Config parse_text(const std::string& text, const std::string& name,
                        const std::string& include_dir, const ConfigFile::Defaults& defaults) {
    if (text.size() > kMaxBytes) throw ConfigError(name + ": is larger than 1 MiB");
    if (text.find('\0') != std::string::npos)
        throw ConfigError(name + ": contains a NUL byte: not a text file");

    Lines lines(name, include_dir);
    libconfig::Config parsed;
    if (!include_dir.empty()) parsed.setIncludeDir(include_dir.c_str());
    try {
        parsed.readString(text);
    } catch (const libconfig::ParseException& e) {
        throw ConfigError(lines.file_name(e.getFile()) + ":" + std::to_string(e.getLine()) +
                          ": syntax error: " + e.getError());
    } catch (const libconfig::FileIOException&) {
        throw ConfigError(name + ": an @include'd file cannot be read");
    }

    core::Config cfg = Schema::read(Node(parsed.getRoot(), lines));
    if (!defaults.state_file.empty() && !parsed.exists("state.file"))
        cfg.state.file = defaults.state_file;
    try {
        cfg.validate();
    } catch (const core::InvalidSetting& e) {
        lines.raise(e.setting(), e.what());
    }
    Schema::check(cfg, lines);
    return cfg;
}

} // namespace

core::Config ConfigFile::load(const std::filesystem::path& path, const Defaults& defaults) {
    const std::string name = path.string();
    return parse_text(read_text(name), name, path.parent_path().string(), defaults);
}

core::Config ConfigFile::parse(const std::string& text, const std::string& name,
                               const Defaults& defaults) {
    return parse_text(text, name, "", defaults);
}

std::string ConfigFile::describe(const core::Config& cfg) {
    return config::describe(cfg);
}

} // namespace preamp::config
