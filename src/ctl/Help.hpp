#pragma once

#include <string>
#include <string_view>

namespace preamp::ctl {

/// The usage line of `command` ("preampctl volume [-20dB | 2dB+ | 3dB- | up | down]"), or
/// nullptr when there is no such command.
[[nodiscard]] const char* usage(std::string_view command) noexcept;

/// "status, volume, mute, …, help": the commands, for messages.
[[nodiscard]] std::string command_list();

/// preampctl --help: synopsis, every command with its forms, the options and the exit
/// codes. The one source of that text: the man page says the same.
[[nodiscard]] std::string help_text();

/// preampctl help COMMAND (or COMMAND --help): its usage line and what it does. Empty for
/// an unknown command.
[[nodiscard]] std::string command_help(std::string_view command);

} // namespace preamp::ctl
