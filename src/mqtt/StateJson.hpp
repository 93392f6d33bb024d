#pragma once

#include "PreampLink.hpp"

#include <string>

namespace preamp::mqtt {

/// BASE/state: every property of preampd as one JSON object, in the vocabulary of
/// preampctl --json status (ctl/program/Vocabulary: "volume_db": -25.0, null where 0
/// means not known, "callback_us" null while no sample rate is known).
[[nodiscard]] std::string state_json(const PreampLink::Properties& properties);

} // namespace preamp::mqtt
