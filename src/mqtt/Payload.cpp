#include "Payload.hpp"

#include "ctl/UsageError.hpp"

#include <mosquitto.h>

namespace preamp::mqtt {

std::string payload_text(std::string_view payload) {
    using ctl::UsageError;
    if (payload.size() > kMaxPayload)
        throw UsageError("a payload of " + std::to_string(payload.size()) +
                         " bytes is refused: a value takes at most " +
                         std::to_string(kMaxPayload));
    const auto first = payload.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) throw UsageError("the payload is empty: give a value");
    const auto last = payload.find_last_not_of(" \t\r\n");
    const std::string_view text = payload.substr(first, last - first + 1);
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            throw UsageError("the payload holds a control character");
    if (mosquitto_validate_utf8(text.data(), static_cast<int>(text.size())) != MOSQ_ERR_SUCCESS)
        throw UsageError("the payload is not UTF-8 text");
    return std::string(text);
}

std::string excerpt(std::string_view text) {
    if (text.size() <= 40) return "\"" + std::string(text) + "\"";
    std::size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // not inside a UTF-8 sequence
    return "\"" + std::string(text.substr(0, cut)) + "…\"";
}

} // namespace preamp::mqtt
