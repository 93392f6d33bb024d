#include "Watcher.hpp"

#include "Format.hpp"

#include <cstdio>

namespace preamp::ctl {

Watcher::Watcher(sdbus::IConnection& connection, std::string name, const char* path, bool json)
    : ProxyInterfaces(connection, std::move(name), path), json_(json) {
    registerProxy();
}

Watcher::~Watcher() {
    unregisterProxy();
}

std::string Watcher::text(const sdbus::Variant& value, bool json) {
    const std::string type = value.peekValueType();
    if (type == "d")
        return json ? format::json_number(value.get<double>())
                    : format::number(value.get<double>());
    if (type == "b") {
        const bool b = value.get<bool>();
        return json ? format::json_bool(b) : format::on_off(b);
    }
    if (type == "s") {
        const auto s = value.get<std::string>();
        return json ? format::json_string(s) : s;
    }
    if (type == "u") return std::to_string(value.get<std::uint32_t>());
    if (type == "t") return std::to_string(value.get<std::uint64_t>());
    if (type == "(dd)") {
        const auto r = value.get<sdbus::Struct<double, double>>();
        if (!json) return format::number(std::get<0>(r)) + " " + format::number(std::get<1>(r));
        // Appended, never `"[" + temporary`: GCC 12 at -O3 takes the insert at the front of
        // a temporary for an overlapping memcpy (-Wrestrict; GCC bugs 105329, 105651).
        return std::string("[")
            .append(format::json_number(std::get<0>(r)))
            .append(", ")
            .append(format::json_number(std::get<1>(r)))
            .append("]");
    }
    if (type == "a(ss)") {
        std::string out;
        for (const auto& s : value.get<std::vector<sdbus::Struct<std::string, std::string>>>()) {
            if (json)
                out += (out.empty() ? "" : ", ") + format::json_string(std::get<0>(s));
            else
                out += (out.empty() ? "" : " ") + std::get<0>(s);
        }
        return json ? "[" + out + "]" : out;
    }
    return json ? "null" : "(" + type + ")";
}

void Watcher::onPropertiesChanged(const std::string& interface,
                                  const std::map<std::string, sdbus::Variant>& changed,
                                  const std::vector<std::string>& invalidated) {
    if (interface != "org.preampd.Preamp1") return;
    for (const auto& [property, value] : changed) {
        const auto line = json_ ? std::string("{")
                                      .append(format::json_string(property))
                                      .append(": ")
                                      .append(text(value, true))
                                      .append("}")
                                : property + " " + text(value, false);
        std::printf("%s\n", line.c_str());
    }
    for (const auto& property : invalidated) {
        const auto line =
            json_ ? std::string("{").append(format::json_string(property)).append(": null}")
                  : property + " changed";
        std::printf("%s\n", line.c_str());
    }
    std::fflush(stdout);
}

} // namespace preamp::ctl
