#pragma once

#include "Lines.hpp"
#include "Node.hpp"
#include "core/Config.hpp"

namespace preamp::config {

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
};

} // namespace preamp::config
