// The midi group of preampd.conf: absent, `enabled = true` alone (the defaults), every
// key, and each refusal on its line, naming the value and what is allowed.

#include "ConfigExpect.hpp"

#include <gtest/gtest.h>

namespace preamp::config::test {
namespace {

using core::Config;
using M = core::MidiMapping;

const std::string kTwo = "inputs = ( { name = \"cd\"; }, { name = \"phono\"; } );\n";

TEST(ConfigMidi, AbsentIsOffAndEnabledAloneGivesTheDefaults) {
    EXPECT_FALSE(ConfigFile::parse(kOneInput, "t.conf").midi.enabled);
    const Config c = ConfigFile::parse(kOneInput + "midi: { enabled = true; };\n", "t.conf");
    EXPECT_TRUE(c.midi.enabled);
    EXPECT_EQ(c.midi.channel, 0u) << "every channel";
    EXPECT_TRUE(c.midi.feedback);
    EXPECT_TRUE(c.midi.map.empty());
    const auto m = c.midi.mappings();
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[0].trigger, M::Trigger::cc);
    EXPECT_EQ(m[0].number, 7u);
    EXPECT_EQ(m[0].control, M::Control::volume);
    EXPECT_EQ(m[0].mode, M::Mode::absolute);
    EXPECT_TRUE(m[0].takeover);
    EXPECT_EQ(m[1].number, 8u);
    EXPECT_EQ(m[1].control, M::Control::balance);
}

TEST(ConfigMidi, EverySettingLandsInItsField) {
    const Config c = ConfigFile::parse(kTwo + R"(midi: {
  enabled = true; channel = 3; feedback = false;
  connect = ["~X-TOUCH MINI.*"]; feedback_connect = ["a2j:X-Touch [20] (playback): X-TOUCH MINI MIDI 1"];
  map = (
    { cc = 1; control = "volume"; takeover = false; },
    { cc = 16; control = "volume"; mode = "relative"; encoder = "offset64"; step_db = 0.5; channel = 11; },
    { note = 8; control = "mute"; mode = "momentary"; },
    { note = 9; control = "loudness"; },
    { program = 2; control = "source"; source = "phono"; },
    { cc = 2; control = "treble"; }
  );
};
)",
                                       "t.conf");
    const auto& m = c.midi;
    EXPECT_EQ(m.channel, 3u);
    EXPECT_FALSE(m.feedback);
    EXPECT_EQ(m.connect, std::vector<std::string>{"~X-TOUCH MINI.*"});
    ASSERT_EQ(m.map.size(), 6u);
    EXPECT_FALSE(m.map[0].takeover);
    EXPECT_EQ(m.map[1].mode, M::Mode::relative);
    EXPECT_EQ(m.map[1].encoder, M::Encoder::offset64);
    EXPECT_EQ(m.map[1].step_db, 0.5);
    EXPECT_EQ(m.map[1].channel, 11u);
    EXPECT_EQ(m.map[2].trigger, M::Trigger::note);
    EXPECT_EQ(m.map[2].mode, M::Mode::momentary);
    EXPECT_EQ(m.map[3].mode, M::Mode::toggle) << "a switch toggles by default";
    EXPECT_EQ(m.map[4].trigger, M::Trigger::program);
    EXPECT_EQ(m.map[4].mode, M::Mode::select);
    EXPECT_EQ(m.map[4].source, "phono");
    EXPECT_EQ(m.map[5].control, M::Control::treble);
}

TEST(ConfigMidi, CheckConfigSaysWhatItUnderstood) {
    EXPECT_NE(ConfigFile::describe(ConfigFile::parse(kOneInput, "t.conf")).find("midi: off\n"),
              std::string::npos);
    const std::string d = ConfigFile::describe(
        ConfigFile::parse(kOneInput + "midi: { enabled = true; };\n", "t.conf"));
    EXPECT_NE(d.find("midi: midi_in and midi_out, every channel, feedback on; CC 7 volume (soft "
                     "take-over), CC 8 balance (soft take-over)\n"),
              std::string::npos)
        << d;
    const std::string m = ConfigFile::describe(
        ConfigFile::parse(kTwo + R"(midi: { enabled = true; channel = 2; map = (
  { cc = 16; control = "volume"; mode = "relative"; encoder = "offset64"; step_db = 0.5; },
  { note = 8; control = "mute"; channel = 3; },
  { program = 1; control = "source"; source = "phono"; }
); };
)",
                          "t.conf"));
    EXPECT_NE(m.find("midi: midi_in and midi_out, channel 2, feedback on; CC 16 volume relative "
                     "(offset64, 0.5 dB a tick), note 8 mute toggle on channel 3, program 1 "
                     "source phono\n"),
              std::string::npos)
        << m;
}

TEST(ConfigMidi, RefusalsNameTheLineTheValueAndWhatIsAllowed) {
    const auto midi = [](const std::string& body) {
        return kTwo + "midi: {\n  " + body + "\n};\n";
    };
    expect_error(midi("channel = 17;"),
                 "t.conf:3: midi.channel: 17 is not allowed: 0 (every channel) or a MIDI channel "
                 "1 to 16");
    expect_error(midi("map = ( { cc = 128; control = \"volume\"; } );"),
                 "t.conf:3: midi.map.[0].cc: 128 is not allowed: a MIDI number 0 to 127");
    expect_error(midi("map = ( { cc = 7; control = \"volumes\"; } );"),
                 "t.conf:3: midi.map.[0].control: \"volumes\" is not allowed: use one of "
                 "\"volume\", \"balance\", \"bass\", \"treble\", \"mute\", \"dim\", \"mono\", "
                 "\"direct\", \"loudness\", \"source\"");
    expect_error(midi("map = ( { control = \"mute\"; } );"),
                 "t.conf:3: midi.map.[0]: says nothing to listen to: give one of cc, note or "
                 "program");
    expect_error(midi("map = ( { cc = 1; note = 1; control = \"mute\"; } );"),
                 "t.conf:3: midi.map.[0]: gives more than one of cc, note and program: one per "
                 "mapping");
    expect_error(midi("map = ( { note = 1; control = \"source\"; source = \"tape\"; } );"),
                 "t.conf:3: midi.map.[0].source: \"tape\" is not an input: the inputs are cd, "
                 "phono");
    expect_error(midi("map = ( { cc = 8; control = \"balance\"; mode = \"relative\"; } );"),
                 "t.conf:3: midi.map.[0].mode: \"relative\" is for the volume only: balance, bass "
                 "and treble are absolute");
    expect_error(midi("map = ( { cc = 8; control = \"mute\"; mode = \"absolute\"; } );"),
                 "t.conf:3: midi.map.[0].mode: \"absolute\" is not allowed for a switch: use "
                 "\"toggle\" or \"momentary\"");
    expect_error(midi("map = ( { program = 1; control = \"mute\"; } );"),
                 "t.conf:3: midi.map.[0]: a program change can only select a source (control = "
                 "\"source\")");
    expect_error(midi("map = ( { note = 1; control = \"volume\"; } );"),
                 "t.conf:3: midi.map.[0]: a note can only switch or select: volume, balance, bass "
                 "and treble need a cc");
    expect_error(midi("map = ( { cc = 1; control = \"volume\"; encoder = \"offset64\"; } );"),
                 "t.conf:3: midi.map.[0].encoder: only a relative mapping has an encoder");
    expect_error(midi("map = ( { cc = 1; control = \"volume\"; mode = \"relative\"; encoder = "
                      "\"gray\"; } );"),
                 "t.conf:3: midi.map.[0].encoder: \"gray\" is not allowed: use one of "
                 "\"twos_complement\", \"offset64\"");
    expect_error(
        midi("map = ( { cc = 1; control = \"volume\"; mode = \"relative\"; step_db = 0; } );"),
        "t.conf:3: midi.map.[0].step_db: 0 is not allowed: above 0 and at most 10 dB");
    expect_error(midi("connect = [\"nocolon\"];"),
                 "t.conf:3: midi.connect.[0]: \"nocolon\" is not a full JACK port name "
                 "(client:port, \"system:capture_1\"); start it with '~' for a regular expression");
    expect_error(midi("map = ();"),
                 "t.conf:3: midi.map: is empty: leave map out for the defaults (CC 7 volume, CC 8 "
                 "balance)");
}

} // namespace
} // namespace preamp::config::test
