#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace preamp::config {

/// Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`:
/// the optimal string alignment distance, so "defualt" is one edit from "default".
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`, if at most `max_edits` away; the first on a tie.
[[nodiscard]] std::optional<std::string_view> closest(std::string_view word,
                                                      std::span<const std::string_view> candidates,
                                                      std::size_t max_edits = 2);

} // namespace preamp::config
