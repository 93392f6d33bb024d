#include "Suggest.hpp"

#include <algorithm>
#include <vector>

namespace preamp::config {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // d[i][j]: distance between a[0, i) and b[0, j), kept as three rolling rows.
    const std::size_t n = b.size();
    std::vector<std::size_t> before(n + 1), prev(n + 1), cur(n + 1);
    for (std::size_t j = 0; j <= n; ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= n; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], before[j - 2] + 1);
        }
        std::swap(before, prev);
        std::swap(prev, cur);
    }
    return prev[n];
}

std::optional<std::string_view> closest(std::string_view word,
                                        std::span<const std::string_view> candidates,
                                        std::size_t max_edits) {
    std::optional<std::string_view> best;
    std::size_t best_distance = max_edits + 1;
    for (const std::string_view c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best = c;
            best_distance = d;
        }
    }
    return best;
}

} // namespace preamp::config
