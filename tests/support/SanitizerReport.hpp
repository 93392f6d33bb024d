#pragma once

#include <string>
#include <string_view>

namespace preamp::test {

/// The first AddressSanitizer, LeakSanitizer or UndefinedBehaviorSanitizer report in a
/// program's output, from its first line to the end of the output; "" when there is
/// none. The tests that run our programs as processes fail on one whatever exit status
/// they expect: a leak report exits 1, as an error would, and a daemon ended by the
/// fixture has no status anyone checks.
[[nodiscard]] std::string sanitizer_report(std::string_view output);

} // namespace preamp::test
