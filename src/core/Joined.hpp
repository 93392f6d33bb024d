// Words joined with a separator: how every list becomes text, in messages, logs and
// property snapshots.
#pragma once

#include <string>
#include <string_view>

namespace preamp::core {

/// The words with `sep` between each two ("a, b, c"; "" for none). An empty word keeps
/// its separators, so the count of words survives.
template <typename Words>
[[nodiscard]] std::string joined(const Words& words, std::string_view sep) {
    std::string s;
    bool first = true;
    for (const auto& w : words) {
        if (!first) s.append(sep);
        s.append(w);
        first = false;
    }
    return s;
}

} // namespace preamp::core
