#include "ConfigFile.hpp"

#include "Describe.hpp"
#include "Document.hpp"
#include "Schema.hpp"
#include "core/Errors.hpp"

namespace preamp::config {
namespace {

// Schema::read, then what needs the whole config: validate() and Schema::check, each
// error on the line of the setting it names.
core::Config read_config(const Node& root, const Lines& lines,
                         const ConfigFile::Defaults& defaults) {
    core::Config cfg = Schema::read(root); // a `state` that is not a group is refused there
    const auto state = root.member("state");
    if (!defaults.state_file.empty() && !(state && state->member("file")))
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
    core::Config cfg;
    read_document(path, [&](const Node& root, const Lines& lines) {
        cfg = read_config(root, lines, defaults);
    });
    return cfg;
}

core::Config ConfigFile::parse(const std::string& text, const std::string& name,
                               const Defaults& defaults) {
    core::Config cfg;
    read_document_text(text, name, [&](const Node& root, const Lines& lines) {
        cfg = read_config(root, lines, defaults);
    });
    return cfg;
}

std::string ConfigFile::describe(const core::Config& cfg) {
    return config::describe(cfg);
}

} // namespace preamp::config
