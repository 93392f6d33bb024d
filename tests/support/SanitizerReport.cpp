#include "SanitizerReport.hpp"

#include <algorithm>
#include <array>

namespace preamp::test {

std::string sanitizer_report(std::string_view output) {
    // ASan and LSan: "==123==ERROR: AddressSanitizer: …", "==123==ERROR: LeakSanitizer: …";
    // UBSan: "file:line:col: runtime error: …".
    constexpr std::array<std::string_view, 2> kMarkers = {"==ERROR: ", ": runtime error: "};
    std::size_t first = std::string_view::npos;
    for (const std::string_view marker : kMarkers)
        first = std::min(first, output.find(marker));
    if (first == std::string_view::npos) return {};
    const std::size_t line = output.rfind('\n', first);
    return std::string(output.substr(line == std::string_view::npos ? 0 : line + 1));
}

} // namespace preamp::test
