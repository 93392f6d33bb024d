#pragma once

#include "core/Config.hpp"

#include <string>
#include <vector>

namespace preamp::config {

class Lines;
class Node;

/// The settings of preampd.conf and where they go in core::Config.
class Schema {
public:
    /// Fills a core::Config from the root of a parsed file: core::Config's defaults for
    /// what is absent, but no inputs when `inputs` is absent. Checks keys, types and the
    /// rules core::Config::validate does not know (startup, client_name, state.file,
    /// connect entries).
    [[nodiscard]] static core::Config read(const Node& root);
    /// What needs a validated config: connect lists no longer than the channels.
    static void check(const core::Config& cfg, const Lines& lines);
    /// Every setting read() accepts, as a dotted path in file order: "volume.min_db",
    /// "outputs.pre_out.connect"; "inputs.name" stands for the name of each input. Groups
    /// are not listed, only what they hold. For the man page test.
    [[nodiscard]] static std::vector<std::string> keys();
};

} // namespace preamp::config
