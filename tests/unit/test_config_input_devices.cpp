// The input group of preampd.conf (input devices): absent, enabled with devices alone
// (the default key map), every key, and each refusal on its line, naming the bad value
// and what is allowed.

#include "ConfigExpect.hpp"

#include <gtest/gtest.h>

namespace preamp::config::test {
namespace {

using core::Config;
using A = core::InputMapping::Action;

const std::string kTwo = "inputs = ( { name = \"cd\"; }, { name = \"phono\"; } );\n";

TEST(ConfigInputDevices, AbsentIsOffAndDevicesAloneGiveTheDefaultMap) {
    EXPECT_FALSE(ConfigFile::parse(kOneInput, "t.conf").input.enabled);
    const Config c = ConfigFile::parse(
        kTwo + "input: { enabled = true; devices = [\"/dev/input/event3\", \"~^flirc\"]; };\n",
        "t.conf");
    EXPECT_TRUE(c.input.enabled);
    EXPECT_EQ(c.input.devices, (std::vector<std::string>{"/dev/input/event3", "~^flirc"}));
    EXPECT_FALSE(c.input.grab);
    EXPECT_EQ(c.input.repeat_delay_ms, 400.0);
    EXPECT_EQ(c.input.repeat_interval_ms, 100.0);
    EXPECT_TRUE(c.input.accelerate);
    const auto m = c.input.mappings(c.inputs);
    ASSERT_EQ(m.size(), 8u) << "six keys and axes, KEY_1 and KEY_2 for the two inputs";
    EXPECT_EQ(m[0], (core::InputMapping{1, 115, A::volume_up, "", 0.0}));
    EXPECT_EQ(m[3], (core::InputMapping{1, 116, A::standby, "", 0.0}));
    EXPECT_EQ(m[4], (core::InputMapping{2, 7, A::volume, "", 0.0}));
    EXPECT_EQ(m[7], (core::InputMapping{1, 3, A::source, "phono", 0.0}));
    EXPECT_NE(ConfigFile::describe(c).find(
                  "input: /dev/input/event3, ~^flirc; repeat after 400 ms every 100 ms, "
                  "accelerating; KEY_VOLUMEUP volume_up; KEY_VOLUMEDOWN volume_down; "
                  "KEY_MUTE mute; KEY_POWER standby; REL_DIAL volume; REL_WHEEL volume; KEY_1 "
                  "source cd; KEY_2 source phono\n"),
              std::string::npos)
        << ConfigFile::describe(c);
    EXPECT_NE(ConfigFile::describe(ConfigFile::parse(kOneInput, "t.conf")).find("input: off\n"),
              std::string::npos);
}

TEST(ConfigInputDevices, EverySettingLandsInItsField) {
    const Config c = ConfigFile::parse(kTwo + R"(input: {
  enabled = true; grab = true; devices = ["~gpio_ir_recv"];
  repeat_delay_ms = 250; repeat_interval_ms = 80.5; accelerate = false;
  map = (
    { key = "KEY_CHANNELUP"; action = "volume_up"; step_db = 0.5; },
    { key = "KEY_MUTE"; action = "none"; },
    { key = "BTN_LEFT"; action = "loudness"; },
    { rel = "REL_X"; action = "volume"; step_db = 2; },
    { key = "KEY_RED"; action = "source"; source = "phono"; },
    { key = "KEY_RED"; action = "dim"; }
  );
};
)",
                                       "t.conf");
    const auto& in = c.input;
    EXPECT_TRUE(in.grab);
    EXPECT_EQ(in.repeat_delay_ms, 250.0);
    EXPECT_EQ(in.repeat_interval_ms, 80.5);
    EXPECT_FALSE(in.accelerate);
    ASSERT_EQ(in.map.size(), 5u) << "the later KEY_RED replaces the earlier";
    EXPECT_EQ(in.map[0], (core::InputMapping{1, 402, A::volume_up, "", 0.5}));
    EXPECT_EQ(in.map[1], (core::InputMapping{1, 113, A::none, "", 0.0}));
    EXPECT_EQ(in.map[2], (core::InputMapping{1, 0x110, A::loudness, "", 0.0}));
    EXPECT_EQ(in.map[3], (core::InputMapping{2, 0, A::volume, "", 2.0}));
    EXPECT_EQ(in.map[4], (core::InputMapping{1, 398, A::dim, "", 0.0}));
    const auto m = in.mappings(c.inputs);
    EXPECT_TRUE(std::none_of(m.begin(), m.end(), [](const auto& x) { return x.code == 113; }))
        << "KEY_MUTE taken away";
}

TEST(ConfigInputDevices, RefusalsNameTheValueAndWhatIsAllowed) {
    const auto with = [](const std::string& body) {
        return kTwo + "input: { enabled = true; devices = [\"/dev/input/event0\"];\n" + body +
               "\n};\n";
    };
    expect_error(with("map = ( { key = \"KEY_VOLUMEUPP\"; action = \"mute\"; } );"),
                 "t.conf:3: input.map.[0].key: \"KEY_VOLUMEUPP\" is not allowed: a KEY_* or "
                 "BTN_* name of linux/input-event-codes.h (\"KEY_VOLUMEUP\", \"KEY_1\", "
                 "\"BTN_LEFT\")");
    expect_error(with("map = ( { key = \"REL_DIAL\"; action = \"mute\"; } );"),
                 "t.conf:3: input.map.[0].key: \"REL_DIAL\" is not allowed: a KEY_* or BTN_* "
                 "name of linux/input-event-codes.h (\"KEY_VOLUMEUP\", \"KEY_1\", \"BTN_LEFT\")");
    expect_error(with("map = ( { rel = \"KEY_1\"; action = \"volume\"; } );"),
                 "t.conf:3: input.map.[0].rel: \"KEY_1\" is not allowed: a REL_* name of "
                 "linux/input-event-codes.h (\"REL_DIAL\", \"REL_WHEEL\", \"REL_X\")");
    expect_error(with("map = ( { key = \"KEY_1\"; action = \"louder\"; } );"),
                 "t.conf:3: input.map.[0].action: \"louder\" is not allowed: use one of "
                 "\"volume_up\", \"volume_down\", \"volume\", \"mute\", \"dim\", \"mono\", "
                 "\"direct\", \"loudness\", \"standby\", \"source\", \"none\"");
    expect_error(with("map = ( { rel = \"REL_DIAL\"; action = \"mute\"; } );"),
                 "t.conf:3: input.map.[0].action: \"mute\" is not allowed for a rel axis: use "
                 "\"volume\" or \"none\"");
    expect_error(with("map = ( { key = \"KEY_1\"; action = \"volume\"; } );"),
                 "t.conf:3: input.map.[0].action: \"volume\" is for a rel axis (REL_*): a key has "
                 "\"volume_up\" or \"volume_down\"");
    expect_error(with("map = ( { key = \"KEY_1\"; action = \"source\"; source = \"tape\"; } );"),
                 "t.conf:3: input.map.[0].source: \"tape\" is not an input: the inputs are cd, "
                 "phono");
    expect_error(with("map = ( { key = \"KEY_1\"; action = \"mute\"; source = \"cd\"; } );"),
                 "t.conf:3: input.map.[0].source: only a mapping with action = \"source\" has a "
                 "source");
    expect_error(with("map = ( { key = \"KEY_1\"; action = \"mute\"; step_db = 1; } );"),
                 "t.conf:3: input.map.[0].step_db: only a volume mapping (volume_up, "
                 "volume_down, volume) has a step_db");
    expect_error(with("map = ( { key = \"KEY_UP\"; action = \"volume_up\"; step_db = 20; } );"),
                 "t.conf:3: input.map.[0].step_db: 20 is not allowed: above 0 and at most 10 dB");
    expect_error(with("repeat_interval_ms = 5;"),
                 "t.conf:3: input.repeat_interval_ms: 5 is not allowed: 20 to 2000 ms");
    expect_error(kTwo + "input: { enabled = true;\n devices = [\"event3\"]; };\n",
                 "t.conf:3: input.devices.[0]: \"event3\" is not allowed: give a device's "
                 "absolute path (\"/dev/input/by-id/...\") or '~' and a regular expression on "
                 "its name");
    expect_error(kTwo + "input: { enabled = true;\n devices = [\"~(flirc\"]; };\n",
                 "t.conf:3: input.devices.[0]: \"~(flirc\" is not a valid regular expression: "
                 "Mismatched '(' and ')' in regular expression");
    expect_error(with("map = ( { key = \"KEY_1\"; rel = \"REL_X\"; action = \"none\"; } );"),
                 "t.conf:3: input.map.[0]: gives both key and rel: one per mapping");
    expect_error(kTwo + "input: {\n enabled = true; };\n",
                 "t.conf:2: input: enabled without devices: list the devices to read "
                 "(\"/dev/input/by-id/...\" or \"~regex\" on the name)");
}

} // namespace
} // namespace preamp::config::test
