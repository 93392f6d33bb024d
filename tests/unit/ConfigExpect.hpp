#pragma once
// The config parser's tests (test_config, test_config_input, test_config_outputs): the
// smallest valid file, the documented example, and a file refused as it should be.

#include "config/ConfigError.hpp"
#include "config/ConfigFile.hpp"

#include <gtest/gtest.h>
#include <string>

namespace preamp::config::test {

/// The documented example, config/preampd.conf.
inline const std::string kExample = PREAMPD_SOURCE_DIR "/config/preampd.conf";
/// The smallest valid configuration: one input.
inline const std::string kOneInput = "inputs = ( { name = \"cd\"; } );\n";

/// One input, cd, with `settings` ("trim_db = 6;") on line 2 of the file.
inline std::string cd_with(const std::string& settings) {
    return "inputs = ( { name = \"cd\";\n  " + settings + " } );\n";
}

/// `text` (as file t.conf) must be refused with exactly `message`.
inline void expect_error(const std::string& text, const std::string& message) {
    try {
        (void)ConfigFile::parse(text, "t.conf");
        ADD_FAILURE() << "accepted:\n" << text;
    } catch (const ConfigError& e) {
        EXPECT_EQ(std::string(e.what()), message) << text;
    }
}

} // namespace preamp::config::test
