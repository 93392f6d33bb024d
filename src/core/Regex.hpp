#pragma once

// <regex>, for everything of ours that uses it. GCC 12 with -fsanitize=address warns
// inside <regex> itself that a moved std::__detail::_State's std::function "may be used
// uninitialized" (-Wmaybe-uninitialized): a false positive, GCC bug 105616. Only that
// warning, only for this header, and only where included first (a header is read once);
// clang has no such warning (and would reject its name).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
