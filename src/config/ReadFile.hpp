#pragma once

#include <string>

namespace preamp::config {

/// A config file is a few kilobytes; anything larger than this was named by mistake. The
/// limit holds for each file and for a file with everything it @includes.
constexpr std::size_t kMaxConfigBytes = std::size_t{1} << 20;

/// Reads the regular file `name`, relative to the directory `dir_fd` (AT_FDCWD: the
/// working directory), without ever blocking: opened O_NONBLOCK, then refused unless
/// fstat says it is a regular file; larger than kMaxConfigBytes or holding a NUL byte is
/// refused too. `follow`: whether a symbolic link is followed (O_NOFOLLOW otherwise).
/// Throws ConfigError "SHOWN: problem".
[[nodiscard]] std::string read_config_file(int dir_fd, const std::string& name,
                                           const std::string& shown, bool follow);

} // namespace preamp::config
