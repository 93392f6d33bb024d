#include "StateJson.hpp"

#include "ctl/program/Format.hpp"
#include "ctl/program/Vocabulary.hpp"

namespace preamp::mqtt {

std::string state_json(const PreampLink::Properties& properties) {
    namespace vocabulary = ctl::vocabulary;
    bool rate_known = false;
    if (const auto r = properties.find("SampleRate"); r != properties.end())
        rate_known = r->second.peekValueType() == "u" && r->second.get<std::uint32_t>() > 0;
    std::string json = "{";
    for (const auto& [property, value] : properties) {
        json.append(json.size() > 1 ? ", " : "")
            .append(ctl::format::json_string(vocabulary::key(property)))
            .append(": ");
        if (property == "CallbackTime" && value.peekValueType() == "(dd)")
            json.append(vocabulary::callback(value.get<vocabulary::Range>(), rate_known));
        else
            json.append(vocabulary::value(property, value));
    }
    return json + "}";
}

} // namespace preamp::mqtt
