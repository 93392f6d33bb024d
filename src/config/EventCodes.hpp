#pragma once

// The names of linux/input-event-codes.h (KEY_*, BTN_*, REL_*) and their numbers, for
// the `input` group's key map. EventCodes.cpp is generated at build time from the header.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace preamp::config::event_codes {

struct Code {
    const char* name; ///< "KEY_VOLUMEUP"
    unsigned type;    ///< 1 EV_KEY (KEY_*, BTN_*), 2 EV_REL (REL_*)
    unsigned number;
};

/// Every name, sorted (aliases share a number).
std::span<const Code> all();
/// The code called `name` (exactly), if the header has it.
[[nodiscard]] std::optional<Code> find(std::string_view name);
/// The first name of `number` of `type`, else the number.
[[nodiscard]] std::string name_of(unsigned type, unsigned number);

} // namespace preamp::config::event_codes
