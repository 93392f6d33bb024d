#pragma once

#include "Config.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preamp::core {

/// The speaker sets of a config, in order: "a" is pre_out (labelled
/// outputs.pre_out.label), then the `speakers` entries. Which of them are on is a list
/// of their names (State::speakers); this says which lists are allowed.
class SpeakerSets {
public:
    struct Set {
        std::string name;
        std::string label; ///< never empty
        bool on = false;   ///< on at start without a saved state
    };

    /// `config` must be valid (Config::validate).
    explicit SpeakerSets(const Config& config);

    [[nodiscard]] const std::vector<Set>& sets() const noexcept { return sets_; }
    /// The set called `name`'s index (0 is "a", pre_out), if there is one.
    [[nodiscard]] std::optional<unsigned> find(std::string_view name) const noexcept;
    /// "a" and the sets configured `on`.
    [[nodiscard]] std::vector<std::string> defaults() const;
    /// `names` in config order, each once. Throws InvalidValue naming an unknown set, or
    /// when `names` is empty, listing the sets.
    [[nodiscard]] std::vector<std::string> normalized(const std::vector<std::string>& names) const;
    /// Those of `names` that are sets, in config order; defaults() when none is.
    [[nodiscard]] std::vector<std::string> fitted(const std::vector<std::string>& names) const;

private:
    [[nodiscard]] std::string list() const;

    std::vector<Set> sets_;
};

} // namespace preamp::core
