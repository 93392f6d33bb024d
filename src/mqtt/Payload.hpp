#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace preamp::mqtt {

/// The largest payload a BASE/SETTING/set takes: a value is a few bytes.
constexpr std::size_t kMaxPayload = 4096;

/// The text of a BASE/SETTING/set payload, trimmed of surrounding white space. Throws
/// ctl::UsageError for one larger than kMaxPayload, that is not UTF-8, that holds a NUL
/// or another control character, or that is empty.
[[nodiscard]] std::string payload_text(std::string_view payload);

/// `text` quoted for a message, cut to 40 characters ("…" then).
[[nodiscard]] std::string excerpt(std::string_view text);

} // namespace preamp::mqtt
