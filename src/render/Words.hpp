#pragma once

#include <vector>

namespace preamp::render {

/// The value of switch --`name`: on (true) when `arg` is null (the option alone), else
/// on/true/yes/1 or off/false/no/0. Throws UsageError naming the option for anything else.
[[nodiscard]] bool parse_switch(const char* name, const char* arg);

/// --`name` "normal" (false) or "inverted" (true); throws UsageError naming the option
/// and the value for anything else.
[[nodiscard]] bool parse_polarity(const char* name, const char* arg);

/// --polarity's list, "normal,inverted": one word a channel, separated by commas (spaces
/// around them allowed), at most dsp::kMaxChannels; true = inverted. Throws UsageError
/// naming the value and what is allowed.
[[nodiscard]] std::vector<bool> parse_polarity_list(const char* arg);

} // namespace preamp::render
