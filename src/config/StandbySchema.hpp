#pragma once

#include "core/Config.hpp"

#include <initializer_list>
#include <string_view>

namespace preamp::config {

class Node;

/// The `standby` group of preampd.conf: when to go to standby, and the hooks (amplifier
/// triggers) run on the way in and out.
namespace standby_schema {

/// The keys of the group, for Schema's key list.
[[nodiscard]] std::initializer_list<std::string_view> keys();

/// Reads the group into `standby`: its being there turns `auto` on unless it says
/// otherwise. A hook's program must exist and be executable now, so that --check-config
/// tells. Each error names the file, the line, the value and what is allowed.
void read(const Node& group, core::StandbyConfig& standby);

} // namespace standby_schema
} // namespace preamp::config
