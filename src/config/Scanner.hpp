#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace preamp::config {

/// One token of a libconfig text, as libconfig 1.5's lexer (flex) cuts it.
struct Token {
    enum class Kind {
        number,   ///< integer, integer64 (…L), hex, hex64, float: see `number`
        string,   ///< "…" with its quotes; `nul` if it has a \x00 escape
        open,     ///< { ( [
        close,    ///< } ) ]
        equals,   ///< = or :
        separator, ///< ; or ,
        word,     ///< a name, true or false
        include,  ///< a whole @include "NAME" directive; `value` is NAME
        garbage,  ///< a character no rule takes
    };
    enum class Number { integer, integer64, hex, hex64, floating };

    Kind kind = Kind::garbage;
    std::size_t begin = 0; ///< offset of its first character
    std::size_t end = 0;   ///< offset just past it
    unsigned line = 0;     ///< the line it starts on, from 1
    Number number = Number::integer;
    bool nul = false;
    std::string value;
};

/// The tokens of `text` (comments and white space left out), and what was left open at
/// its end. Mirrors libconfig 1.5's scanner.l: longest match, @include only at the start
/// of a line outside comments and strings, strings may span lines.
struct Scan {
    std::vector<Token> tokens;
    /// The line of a string or a /* comment still open at the end, else 0.
    unsigned open_string = 0;
    unsigned open_comment = 0;
};

[[nodiscard]] Scan scan(std::string_view text);

} // namespace preamp::config
