#pragma once

// What Adaptor.cpp and AdaptorProperties.cpp share: the error names, and the words and
// numbers of the values the adaptor reads and writes. For those two files only.

#include "core/Joined.hpp"

#include <cstdio>
#include <sdbus-c++/sdbus-c++.h>
#include <string>
#include <vector>

namespace preamp::dbus::adaptor {

inline constexpr const char* kObjectPath = "/org/preampd/Preamp";
inline constexpr const char* kInvalidValue = "org.preampd.Error.InvalidValue";
inline constexpr const char* kUnknownSource = "org.preampd.Error.UnknownSource";
inline constexpr const char* kSaveFailed = "org.preampd.Error.SaveFailed";

inline std::string text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// Strings from clients are names; anything longer is no name of ours.
inline void check_length(const char* what, const std::string& v) {
    if (v.size() > 256)
        throw sdbus::Error(kInvalidValue, std::string(what) + " is " + std::to_string(v.size()) +
                                              " characters long: at most 256");
}

inline void check_length(const char* what, const std::vector<std::string>& v) {
    if (v.size() > 64)
        throw sdbus::Error(kInvalidValue, std::string(what) + " has " + std::to_string(v.size()) +
                                              " entries: at most 64");
    for (const auto& s : v)
        check_length(what, s);
}

inline const char* polarity_word(bool inverted) {
    return inverted ? "inverted" : "normal";
}

// "normal" or "inverted"; `what` names the property in the error.
inline bool inverted(const std::string& what, const std::string& word) {
    if (word == "normal") return false;
    if (word == "inverted") return true;
    throw sdbus::Error(kInvalidValue,
                       what + " \"" + word + "\" is not allowed: use normal or inverted");
}

inline std::string joined(const std::vector<std::string>& words) {
    return core::joined(words, ",");
}

} // namespace preamp::dbus::adaptor
