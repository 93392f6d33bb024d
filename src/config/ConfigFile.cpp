#include "ConfigFile.hpp"

#include "Describe.hpp"
#include "Includes.hpp"
#include "Lines.hpp"
#include "Literals.hpp"
#include "Node.hpp"
#include "Scanner.hpp"
#include "Schema.hpp"
#include "Syntax.hpp"
#include "core/Errors.hpp"

#include <libconfig.h++>

namespace preamp::config {
namespace {

// `source`: the file with its @include lines expanded (Includes.hpp). libconfig gets it
// as one text, with its numbers made faithful (Literals.hpp) and no include directory.
core::Config parse_expanded(const Expanded& source, const ConfigFile::Defaults& defaults) {
    const Scan tokens = scan(source.text);
    const std::string text = faithful_literals(source.text, tokens, source.origins);

    Lines lines(source.origins);
    libconfig::Config parsed;
    try {
        parsed.readString(text);
    } catch (const libconfig::ParseException& e) {
        throw ConfigError(syntax_message(source.text, tokens, source.origins,
                                         static_cast<unsigned>(e.getLine()), e.getError()));
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
    return parse_expanded(expand_file(path), defaults);
}

core::Config ConfigFile::parse(const std::string& text, const std::string& name,
                               const Defaults& defaults) {
    return parse_expanded(expand_text(text, name), defaults);
}

std::string ConfigFile::describe(const core::Config& cfg) {
    return config::describe(cfg);
}

} // namespace preamp::config
