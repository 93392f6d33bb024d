#include "Document.hpp"

#include "ConfigError.hpp"
#include "Includes.hpp"
#include "Literals.hpp"
#include "Scanner.hpp"
#include "Syntax.hpp"

#include <libconfig.h++>

namespace preamp::config {
namespace {

// `source`: the file with its @include lines expanded (Includes.hpp). libconfig gets it
// as one text, with its numbers made faithful (Literals.hpp) and no include directory.
void read_expanded(const Expanded& source,
                   const std::function<void(const Node& root, const Lines& lines)>& read) {
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
    read(Node(parsed.getRoot(), lines), lines);
}

} // namespace

void read_document(const std::filesystem::path& path,
                   const std::function<void(const Node& root, const Lines& lines)>& read) {
    read_expanded(expand_file(path), read);
}

void read_document_text(const std::string& text, const std::string& name,
                        const std::function<void(const Node& root, const Lines& lines)>& read) {
    read_expanded(expand_text(text, name), read);
}

} // namespace preamp::config
