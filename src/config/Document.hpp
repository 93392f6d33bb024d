#pragma once

#include "Lines.hpp"
#include "Node.hpp"

#include <filesystem>
#include <functional>

namespace preamp::config {

/// A libconfig file read the way preampd.conf is (@include, faithful numbers, syntax
/// errors on the line of the mistake), for the programs with a file of their own
/// (preamp-mqtt's mqtt.conf): `read` gets the root and the lines of what was parsed, and
/// reads its own settings with Node, so that every error names the file, the line and the
/// setting. Throws ConfigError.
void read_document(const std::filesystem::path& path,
                   const std::function<void(const Node& root, const Lines& lines)>& read);
/// The same for a text (`name` names it in messages; @include is refused).
void read_document_text(const std::string& text, const std::string& name,
                        const std::function<void(const Node& root, const Lines& lines)>& read);

} // namespace preamp::config
