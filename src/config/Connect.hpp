#pragma once

#include "Lines.hpp"
#include "Node.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace preamp::config {

/// The `connect` lists of inputs and outputs. The N-th entry is for the N-th channel:
/// an exact JACK port name ("system:capture_1") or, after a '~', an ECMAScript regular
/// expression that must match a port's whole full name ("~^USB Audio.*:capture_FL$").
class Connect {
public:
    /// The entries of `list`; throws for an empty entry or a regular expression that
    /// does not compile.
    [[nodiscard]] static std::vector<std::string> read(const Node& list);
    /// Throws unless the list at `path` has no more entries than `channels`; `owner`
    /// is "input" or "output".
    static void check_count(const Lines& lines, const std::string& path, std::size_t entries,
                            std::size_t channels, const char* owner);
};

} // namespace preamp::config
