#pragma once

#include "PreampLink.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace preamp::mqtt {

/// What a BASE/SETTING/set payload does: parsed with preampctl's value grammar (ctl/Value)
/// and applied through the D-Bus proxy. A volume is absolute in dB ("-25", "+2" is +2 dB),
/// relative as preampctl writes it ("2dB+", "3dB-"), or one step ("up", "down"); a switch
/// takes on, off, toggle (any case) and true/false/1/0; a source its name or label; a rec
/// source also "follow".
class Setter {
public:
    /// `properties`: the bridge's copy of preampd's properties (for toggle, the ranges of
    /// relative changes, the labels of the sources).
    Setter(PreampLink& link, const PreampLink::Properties& properties)
        : link_(link), properties_(properties) {}

    /// The settings that have a BASE/SETTING/set topic.
    [[nodiscard]] static const std::vector<std::string>& settings();
    /// Applies `payload` (payload_text'ed) to `setting`. Throws ctl::UsageError for a bad
    /// value or an unknown setting, sdbus::Error for what preampd refused (its message).
    void apply(std::string_view setting, const std::string& payload);

private:
    [[nodiscard]] bool flag(const std::string& property, const std::string& payload) const;
    [[nodiscard]] std::string source(const std::string& payload, bool rec) const;
    [[nodiscard]] double level(const std::string& property, const std::string& range_property,
                               double lo, double hi, bool relative, double value) const;

    PreampLink& link_;
    const PreampLink::Properties& properties_;
};

} // namespace preamp::mqtt
