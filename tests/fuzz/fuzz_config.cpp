// libFuzzer target: arbitrary text through ConfigFile::parse (libconfig, the schema,
// core::Config::validate). The only allowed failure is a ConfigError; a config that is
// accepted must validate again and hold nothing but valid, printable UTF-8 strings.

#include "config/ConfigFile.hpp"
#include "core/Config.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using preamp::config::ConfigError;
using preamp::config::ConfigFile;

// Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), no C0, DEL or
// C1 control characters: what D-Bus and JACK get. Written here independently of the
// parser's own check, so that the fuzzer checks it rather than repeats it.
bool printable_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x20 || b == 0x7f) return false;
        if (b < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0;
        if (n == 0 || b > 0xf4 || i + n > s.size()) return false;
        std::uint32_t cp = b & (0x7f >> n);
        for (std::size_t k = 1; k < n; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (c & 0x3f);
        }
        const std::uint32_t least = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
        if (cp < least || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        if (cp >= 0x80 && cp <= 0x9f) return false;
        i += n;
    }
    return true;
}

void require(bool ok) {
    if (!ok) std::abort();
}

void check_accepted(const preamp::core::Config& c) {
    c.validate(); // throws (and so aborts the run) if parse let something through
    require(printable_utf8(c.jack.client_name) && printable_utf8(c.jack.server));
    for (const auto& ch : c.jack.channels)
        require(printable_utf8(ch));
    for (const auto& in : c.inputs) {
        require(printable_utf8(in.name) && printable_utf8(in.label));
        for (const auto& p : in.connect)
            require(printable_utf8(p));
    }
    for (const auto& p : c.outputs.pre_out_connect)
        require(printable_utf8(p));
    for (const auto& p : c.outputs.rec_out_connect)
        require(printable_utf8(p));
    require(printable_utf8(c.state.file));
    (void)ConfigFile::describe(c);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        check_accepted(ConfigFile::parse(text, "fuzz.conf"));
    } catch (const ConfigError&) {
        // refused: what a bad file must get
    }
    return 0;
}
