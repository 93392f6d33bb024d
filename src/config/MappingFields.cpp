#include "MappingFields.hpp"

#include "Node.hpp"
#include "core/FormatNumber.hpp"
#include "core/Joined.hpp"

#include <algorithm>

namespace preamp::config {

std::string read_source(const Node& node, const std::vector<core::InputConfig>& inputs) {
    std::string name = node.string();
    const bool known = std::any_of(inputs.begin(), inputs.end(),
                                   [&](const core::InputConfig& in) { return in.name == name; });
    if (!known) {
        std::vector<std::string> names;
        for (const auto& in : inputs)
            names.push_back(in.name);
        node.fail("\"" + name + "\" is not an input: the inputs are " + core::joined(names, ", "));
    }
    return name;
}

double read_step_db(const Node& node) {
    const double step = node.number();
    if (!(step > 0.0 && step <= 10.0))
        node.fail(core::format_number(step) + " is not allowed: above 0 and at most 10 dB");
    return step;
}

} // namespace preamp::config
