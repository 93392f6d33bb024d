// The standby group of preampd.conf: absent, empty, every key, the documented example,
// and each refusal on its line, naming the value and what is allowed.

#include "ConfigExpect.hpp"

#include <fstream>
#include <gtest/gtest.h>

namespace preamp::config::test {
namespace {

using core::Config;
using core::StandbyConfig;

TEST(ConfigStandby, AbsentMeansNeverByItselfAndAnEmptyGroupMeansAutoWithTheDefaults) {
    const Config absent = ConfigFile::parse(kOneInput, "t.conf");
    EXPECT_FALSE(absent.standby.on_silence);
    EXPECT_NE(ConfigFile::describe(absent).find("standby: only when asked"), std::string::npos)
        << ConfigFile::describe(absent);
    const Config empty = ConfigFile::parse(kOneInput + "standby = {};\n", "t.conf");
    const StandbyConfig d;
    const auto& s = empty.standby;
    EXPECT_TRUE(s.on_silence);
    EXPECT_EQ(s.after_s, d.after_s);
    EXPECT_EQ(s.threshold_dbfs, -70.0);
    EXPECT_EQ(s.signal_hold_ms, 500.0);
    EXPECT_EQ(s.fade_ms, 1000.0);
    EXPECT_EQ(s.wake_delay_ms, 0.0);
    EXPECT_EQ(s.hook_timeout_s, 10.0);
    EXPECT_TRUE(s.on_standby.empty());
    EXPECT_TRUE(s.on_wake.empty());
    EXPECT_NE(ConfigFile::describe(empty).find(
                  "standby: after 600 s below -70 dBFS, a signal wakes after 500 ms, fade 1000 "
                  "ms, wake delay 0 ms; on_standby: none; on_wake: none (timeout 10 s)"),
              std::string::npos)
        << ConfigFile::describe(empty);
}

TEST(ConfigStandby, EverySettingLandsInItsField) {
    const Config c = ConfigFile::parse(kOneInput + R"(standby = {
  auto = false; after_s = 90; threshold_dbfs = -60.5; signal_hold_ms = 250;
  fade_ms = 2000; wake_delay_ms = 1500; hook_timeout_s = 3;
  on_standby = ["/bin/true", "off", "two words"]; on_wake = ["/bin/sh"];
};
)",
                                       "t.conf");
    const auto& s = c.standby;
    EXPECT_FALSE(s.on_silence);
    EXPECT_EQ(s.after_s, 90.0);
    EXPECT_EQ(s.threshold_dbfs, -60.5);
    EXPECT_EQ(s.signal_hold_ms, 250.0);
    EXPECT_EQ(s.fade_ms, 2000.0);
    EXPECT_EQ(s.wake_delay_ms, 1500.0);
    EXPECT_EQ(s.hook_timeout_s, 3.0);
    EXPECT_EQ(s.on_standby, (std::vector<std::string>{"/bin/true", "off", "two words"}));
    EXPECT_EQ(s.on_wake, (std::vector<std::string>{"/bin/sh"}));
}

TEST(ConfigStandby, AutoSelectIsPerInputAndOffByDefault) {
    const Config c = ConfigFile::parse(
        "inputs = ( { name = \"cd\"; }, { name = \"tv\"; auto_select = true; } );\n", "t.conf");
    EXPECT_FALSE(c.inputs[0].auto_select);
    EXPECT_TRUE(c.inputs[1].auto_select);
    expect_error("inputs = ( { name = \"tv\"; auto_select = \"yes\"; } );\n",
                 "t.conf:1: inputs.[0].auto_select: expected a boolean (true or false), got a "
                 "string");
}

TEST(ConfigStandby, TheExampleFileDocumentsTheDefaults) {
    // Its commented-out group, hooks aside (their programs are the reader's to have).
    std::ifstream in(kExample);
    std::string text = kOneInput, line;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line == "# standby:") inside = true;
        if (!inside) continue;
        if (line.find("on_standby") == std::string::npos &&
            line.find("on_wake") == std::string::npos && line.rfind("#   #", 0) != 0)
            text += line.substr(line.rfind("# ", 0) == 0 ? 2 : 1) + '\n';
        if (line == "# };") break;
    }
    const Config c = ConfigFile::parse(text, "preampd.conf");
    const StandbyConfig d;
    const auto& s = c.standby;
    EXPECT_TRUE(s.on_silence) << text;
    EXPECT_EQ(s.after_s, d.after_s);
    EXPECT_EQ(s.threshold_dbfs, d.threshold_dbfs);
    EXPECT_EQ(s.signal_hold_ms, d.signal_hold_ms);
    EXPECT_EQ(s.fade_ms, d.fade_ms);
    EXPECT_EQ(s.wake_delay_ms, d.wake_delay_ms);
    EXPECT_EQ(s.hook_timeout_s, d.hook_timeout_s);
}

TEST(ConfigStandby, RefusesBadValuesOnTheirLine) {
    const std::string g = kOneInput + "standby = {\n";
    expect_error(g + " after_s = 0; };\n",
                 "t.conf:3: standby.after_s 0 s is out of range: allowed 1 to 86400 s");
    expect_error(g + " threshold_dbfs = 3; };\n",
                 "t.conf:3: standby.threshold_dbfs 3 dBFS is out of range: allowed -120 to 0 dBFS");
    expect_error(g + " fade_ms = 5; };\n",
                 "t.conf:3: standby.fade_ms 5 ms is out of range: allowed 10 to 10000 ms");
    expect_error(g + " hook_timeout_s = 601; };\n",
                 "t.conf:3: standby.hook_timeout_s 601 s is out of range: allowed 1 to 600 s");
    expect_error(g + " on_standby = [\"gpioset\", \"gpiochip0\", \"17=0\"]; };\n",
                 "t.conf:3: standby.on_standby[0] \"gpioset\" is not an absolute path: hooks run "
                 "without a shell or a PATH search (e.g. \"/usr/bin/gpioset\")");
    expect_error(g + " on_wake = [\"/nonexistent/relay\", \"on\"]; };\n",
                 "t.conf:3: standby.on_wake: \"/nonexistent/relay\" cannot be run: No such file "
                 "or directory");
    expect_error(g + " after_s = 10;\n on_wake = \"/bin/true\"; };\n",
                 "t.conf:4: standby.on_wake: expected a list or an array, got a string");
    expect_error(g + " auto = 1; };\n", "t.conf:3: standby.auto: expected a boolean (true or false), got a number");
    expect_error(g + " after = 10; };\n",
                 "t.conf:3: unknown setting standby.after (did you mean standby.after_s?)");
}

} // namespace
} // namespace preamp::config::test
