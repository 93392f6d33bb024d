#include "Output.hpp"

#include "Format.hpp"

#include <algorithm>

namespace preamp::ctl {

void Output::field(std::string key, std::string label, std::string json_value, std::string text) {
    fields_.push_back({std::move(key), std::move(label), std::move(json_value), std::move(text)});
}

std::string Output::str() const {
    // A command with nothing to say (save) prints nothing, or with --json still one
    // object, as every command does.
    if (fields_.empty()) return json_ ? "{}\n" : "";
    std::string out;
    if (json_) {
        out = "{";
        for (const auto& f : fields_)
            out += (out.size() > 1 ? ", " : "") + format::json_string(f.key) + ": " + f.json_value;
        return out + "}\n";
    }
    if (fields_.size() == 1) return fields_.front().text + "\n";
    std::size_t width = 0;
    for (const auto& f : fields_)
        width = std::max(width, f.label.size());
    for (const auto& f : fields_)
        out += f.label + std::string(width + 2 - f.label.size(), ' ') + f.text + "\n";
    return out;
}

} // namespace preamp::ctl
