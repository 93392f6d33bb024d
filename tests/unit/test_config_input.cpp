// What a config file may hold: every number read at its full value and range-checked,
// every string valid UTF-8 without control characters, syntax errors on the line of the
// mistake, each with "FILE:LINE: setting" (the @include'd files: test_config_include).

#include "ConfigExpect.hpp"
#include "config/ConfigFile.hpp"
#include "core/Config.hpp"

#include <gtest/gtest.h>
#include <string>

using preamp::config::ConfigError;
using preamp::config::ConfigFile;
using namespace preamp::config::test;

namespace {

std::string trim(const std::string& literal) {
    return cd_with("trim_db = " + literal + ";");
}

std::string label(const std::string& literal) {
    return cd_with("label = \"" + literal + "\";");
}

} // namespace

TEST(ConfigNumbers, AreRangeCheckedOnTheirFullValue) {
    const std::string range = " dB is out of range: allowed -24 to 24 dB";
    expect_error(trim("4294967306"), "t.conf:2: inputs.[0].trim_db 4294967306" + range);
    expect_error(trim("99999999999999999999999"), "t.conf:2: inputs.[0].trim_db 1e+23" + range);
    expect_error(trim("-4294967286"), "t.conf:2: inputs.[0].trim_db -4294967286" + range);
    expect_error(trim("2147483648"), "t.conf:2: inputs.[0].trim_db 2147483648" + range);
    expect_error(trim("0xffffffff"), "t.conf:2: inputs.[0].trim_db 4294967295" + range);
    expect_error(trim("0x1000000000000000A"),
                 "t.conf:2: inputs.[0].trim_db 1.844674407e+19" + range);
    expect_error(trim("4294967306L"), "t.conf:2: inputs.[0].trim_db 4294967306" + range);
    expect_error(trim("99999999999999999999999L"), "t.conf:2: inputs.[0].trim_db 1e+23" + range);
    expect_error(trim("0xffffffffffffffffL"),
                 "t.conf:2: inputs.[0].trim_db 1.844674407e+19" + range);
    expect_error(trim("1e400"),
                 "t.conf:2: inputs.[0].trim_db inf is not a finite number: allowed -24 to 24 dB");
    expect_error(
        kOneInput + "volume = { startup_max_db = 4294967306; };\n",
        "t.conf:2: volume.startup_max_db 4294967306 dB is out of range: allowed -80 to 0 dB");
    // Two on one line: each its own.
    expect_error(kOneInput + "volume = { min_db = -60; max_db = 4294967296; };\n",
                 "t.conf:2: volume.max_db 4294967296 dB is out of range: allowed -59 to 24 dB");
}

TEST(ConfigNumbers, EveryFormThatFitsIsReadAsWritten) {
    EXPECT_EQ(ConfigFile::parse(trim("0x0A"), "t.conf").inputs[0].trim_db, 10.0);
    EXPECT_EQ(ConfigFile::parse(trim("-6"), "t.conf").inputs[0].trim_db, -6.0);
    EXPECT_EQ(ConfigFile::parse(trim("+6L"), "t.conf").inputs[0].trim_db, 6.0);
    EXPECT_EQ(ConfigFile::parse(trim("-2.5e0"), "t.conf").inputs[0].trim_db, -2.5);
}

TEST(ConfigStrings, MustBeValidUtf8) {
    expect_error(label("Caf\xe9"), "t.conf:2: inputs.[0].label: not valid UTF-8 at byte 4");
    expect_error(label("Caf\\xe9"), "t.conf:2: inputs.[0].label: not valid UTF-8 at byte 4");
    expect_error(label("\xc0\xaf"), "t.conf:2: inputs.[0].label: not valid UTF-8 at byte 1");
    expect_error(label("a\xed\xa0\x80"), "t.conf:2: inputs.[0].label: not valid UTF-8 at byte 2");
    expect_error(label("\xf4\x90\x80\x80"),
                 "t.conf:2: inputs.[0].label: not valid UTF-8 at byte 1");
    expect_error(label("ab\xe2\x99"), "t.conf:2: inputs.[0].label: not valid UTF-8 at byte 3");
    expect_error(kOneInput + "jack = { server = \"\xff\"; };\n",
                 "t.conf:2: jack.server: not valid UTF-8 at byte 1");
    EXPECT_EQ(ConfigFile::parse(label("Caf\xc3\xa9 \xe2\x99\xaa \xf0\x9f\x8e\xb5"), "t.conf")
                  .inputs[0]
                  .label,
              "Caf\xc3\xa9 \xe2\x99\xaa \xf0\x9f\x8e\xb5");
}

TEST(ConfigStrings, MustHoldNoControlCharacters) {
    const std::string rule = ": control characters are not allowed";
    expect_error(label("a\\tb"), "t.conf:2: inputs.[0].label: U+0009 at byte 2" + rule);
    expect_error(label("a\nb"), "t.conf:2: inputs.[0].label: U+000A at byte 2" + rule);
    expect_error(label("\xc2\x85"), "t.conf:2: inputs.[0].label: U+0085 at byte 1" + rule);
    // The fuzzer's first finding: a tab in jack.server was accepted.
    expect_error(kOneInput + "jack = { server = \"a\\x41\\t\"; };\n",
                 "t.conf:2: jack.server: U+0009 at byte 3" + rule);
    expect_error(kOneInput + "jack = { client_name = \"p\\x01\"; };\n",
                 "t.conf:2: jack.client_name: U+0001 at byte 2" + rule);
    expect_error(kOneInput + "jack = { channels = [\"L\", \"R\\x1b\"]; };\n",
                 "t.conf:2: jack.channels.[1]: U+001B at byte 2" + rule);
    expect_error(kOneInput + "state = { file = \"/a\x7f\"; };\n",
                 "t.conf:2: state.file: U+007F at byte 3" + rule);
    expect_error("inputs = ( { name = \"cd\"; connect = [\"~a\\rb\"]; } );\n",
                 "t.conf:1: inputs.[0].connect.[0]: U+000D at byte 3" + rule);
    // libconfig drops a \x00 and what follows it in the string: refused before.
    expect_error(label("ab\\x00cd"), "t.conf:2: a string holds \\x00 (NUL), which is not allowed");
}

TEST(ConfigSyntax, NamesTheOpenerThatIsNeverClosed) {
    expect_error(kOneInput + "volume = {\n  min_db = -60.0;\n\ntone = { };\n\n",
                 "t.conf:2: syntax error: this '{' is never closed (expected '}')");
    expect_error("inputs = (\n  { name = \"cd\"; }\n;\n",
                 "t.conf:1: syntax error: this '(' is never closed (expected ')')");
    expect_error(kOneInput + "jack = { channels = [\"L\", \"R\"; };\n",
                 "t.conf:2: syntax error: '}' does not close the '[' of line 2 (expected ']')");
    expect_error(kOneInput + "\n};\n", "t.conf:3: syntax error: '}' closes nothing");
    expect_error("inputs = ( { name = \"cd; } );\n\n\n",
                 "t.conf:1: syntax error: this string is never closed (expected '\"')");
}

TEST(ConfigSyntax, SaysWhatWasExpectedOnce) {
    expect_error(kOneInput + "volume = { min_db = ; };\n",
                 "t.conf:2: syntax error: expected a value after '='");
    expect_error(kOneInput + "volume = { min_db 5; };\n",
                 "t.conf:2: syntax error: expected '=' or ':' after min_db");
    // libconfig leaks the dropped string (tests/sanitizers/lsan.supp): found by the fuzzer.
    expect_error("iop\"\"\n", "t.conf:1: syntax error: expected '=' or ':' after iop");
    expect_error("\"\"\n", "t.conf:1: syntax error (a setting is NAME = VALUE; see SYNTAX in "
                           "preampd.conf(5))");
    expect_error(kOneInput + "volume = { = 5; };\n",
                 "t.conf:2: syntax error: expected a setting's name before '='");
}
