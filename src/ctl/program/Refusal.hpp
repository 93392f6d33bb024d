#pragma once

// Refusal: what preampctl says when the bus's policy refuses a command
// (org.freedesktop.DBus.Error.AccessDenied).

#include "ctl/Command.hpp"

#include <string>

namespace preamp::ctl {

/// The message for `command` refused by the bus, without "preampctl: ". A change:
/// "setting volume needs root or group audio; you are uid 1000 (ann), not in group audio
/// (sudo usermod -aG audio ann, then log in again)", or "…, in group audio since your
/// login: log in again". A read, which the shipped policy lets anyone do, is no matter
/// of group audio: "reading levels was refused by the bus: BUS_MESSAGE".
[[nodiscard]] std::string refusal(const Command& command, const std::string& bus_message);

} // namespace preamp::ctl
