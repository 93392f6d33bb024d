#pragma once

#include <cstdint>
#include <sdbus-c++/sdbus-c++.h>
#include <string>
#include <string_view>
#include <vector>

/// preampctl's one JSON vocabulary, for every command and for monitor (DESIGN.md: snake
/// case, the unit in the key): the key of each D-Bus property and its value as JSON. A
/// double is always printed as one (-29.0, never -29); what the text shows as "-" is null.
namespace preamp::ctl::vocabulary {

using Sources = std::vector<sdbus::Struct<std::string, std::string>>;
using Range = sdbus::Struct<double, double>;

/// The key of the D-Bus property `property`: "Volume" → "volume_db", "SampleRate" →
/// "sample_rate_hz"; one preampctl does not know in snake case ("FooBar" → "foo_bar").
[[nodiscard]] std::string key(std::string_view property);

/// Whether 0 means "not known" for `property` (SampleRate and BufferSize while preampd
/// waits for JACK, StandbyIn in standby or without auto-standby): the text shows "-",
/// and JSON null.
[[nodiscard]] bool zero_is_unknown(std::string_view property) noexcept;

/// A count, or null when it is 0 and `property` says 0 is unknown.
[[nodiscard]] std::string count(std::string_view property, std::uint64_t n);
/// Sources: [{"name": "cd", "label": "CD Player"}, …].
[[nodiscard]] std::string sources(const Sources& sources);
/// A range: [min, max].
[[nodiscard]] std::string range(const Range& range);
/// CallbackTime: {"mean": …, "max": …} in microseconds, or null when not `known`.
[[nodiscard]] std::string callback(const Range& mean_max, bool known);

/// The JSON of `value`, the value of `property`, as status and the others print it.
[[nodiscard]] std::string value(std::string_view property, const sdbus::Variant& value);

} // namespace preamp::ctl::vocabulary
