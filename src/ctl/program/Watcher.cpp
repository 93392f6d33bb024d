#include "Watcher.hpp"

#include "Format.hpp"
#include "Vocabulary.hpp"
#include "core/Joined.hpp"

#include <cstdint>
#include <cstdio>

namespace preamp::ctl {

Watcher::Watcher(sdbus::IConnection& connection, std::string name, const char* path, bool json)
    : ProxyInterfaces(connection, std::move(name), path), json_(json) {
    registerProxy();
}

Watcher::~Watcher() {
    unregisterProxy();
}

std::string Watcher::text(std::string_view property, const sdbus::Variant& value) {
    const std::string type = value.peekValueType();
    if (type == "d") return format::number(value.get<double>());
    if (type == "b") return format::on_off(value.get<bool>());
    if (type == "s") return value.get<std::string>();
    if (type == "u" || type == "t") {
        const std::uint64_t n =
            type == "u" ? value.get<std::uint32_t>() : value.get<std::uint64_t>();
        return n == 0 && vocabulary::zero_is_unknown(property) ? "-" : std::to_string(n);
    }
    if (type == "(dd)") {
        const auto r = value.get<sdbus::Struct<double, double>>();
        return format::number(std::get<0>(r)) + " " + format::number(std::get<1>(r));
    }
    if (type == "as") {
        // Speakers as a+b, as the speakers command takes them; Surfaces (sentences) as
        // status prints them; the others word by word.
        const char* sep = property == "Speakers" ? "+" : property == "Surfaces" ? "; " : " ";
        return core::joined(value.get<std::vector<std::string>>(), sep);
    }
    if (type == "a(ss)") {
        std::string out;
        for (const auto& s : value.get<std::vector<sdbus::Struct<std::string, std::string>>>())
            out += (out.empty() ? "" : " ") + std::get<0>(s);
        return out;
    }
    return "(" + type + ")";
}

void Watcher::onPropertiesChanged(const std::string& interface,
                                  const std::map<std::string, sdbus::Variant>& changed,
                                  const std::vector<std::string>& invalidated) {
    if (interface != "org.preampd.Preamp1") return;
    // JSON in the vocabulary of the other commands: {"volume_db": -20.0}.
    const auto json_line = [](const std::string& property, const std::string& json) {
        return std::string("{")
            .append(format::json_string(vocabulary::key(property)))
            .append(": ")
            .append(json)
            .append("}");
    };
    for (const auto& [property, value] : changed) {
        const auto line = json_ ? json_line(property, vocabulary::value(property, value))
                                : property + " " + text(property, value);
        std::printf("%s\n", line.c_str());
    }
    for (const auto& property : invalidated) {
        const auto line = json_ ? json_line(property, "null") : property + " changed";
        std::printf("%s\n", line.c_str());
    }
    std::fflush(stdout);
}

} // namespace preamp::ctl
