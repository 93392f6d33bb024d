// event_codes: looking the generated table up, by name and by number.

#include "EventCodes.hpp"

#include <algorithm>

namespace preamp::config::event_codes {

std::optional<Code> find(std::string_view name) {
    const auto codes = all();
    const auto it = std::lower_bound(codes.begin(), codes.end(), name,
                                     [](const Code& c, std::string_view n) { return c.name < n; });
    if (it == codes.end() || it->name != name) return std::nullopt;
    return *it;
}

std::string name_of(unsigned type, unsigned number) {
    for (const Code& c : all())
        if (c.type == type && c.number == number) return c.name;
    return std::to_string(number);
}

} // namespace preamp::config::event_codes
