// The outputs issue 11 adds to the config file: bass_management (sub_out), the speaker
// sets and pre_out's label. Each setting lands in its field, absent means the documented
// default (no sub_out, no further sets), and every mistake names "FILE:LINE: setting"
// and what is allowed.

#include "ConfigExpect.hpp"
#include "config/ConfigFile.hpp"
#include "config/Schema.hpp"
#include "core/Config.hpp"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

using preamp::config::ConfigError;
using preamp::config::ConfigFile;
using namespace preamp::config::test;
using preamp::core::Config;

namespace {

// The example file with its commented-out sub_out, speakers and bass_management
// examples taken in.
std::string example_uncommented() {
    const auto starts = [](const std::string& line, const char* prefix) {
        return line.rfind(prefix, 0) == 0;
    };
    std::ifstream in(kExample);
    std::string out, line;
    bool inside = false; // a commented-out group or list
    while (std::getline(in, line)) {
        if (starts(line, "  # sub_out = "))
            line.erase(2, 2);
        else if (starts(line, "# speakers = (") || starts(line, "# bass_management:"))
            inside = true;
        if (inside) {
            line.erase(0, starts(line, "# ") ? 2 : 1);
            if (line == ");" || line == "};") inside = false;
        }
        out += line + '\n';
    }
    return out;
}

void expect_described(const Config& c, std::initializer_list<const char*> parts) {
    const std::string d = ConfigFile::describe(c);
    for (const char* part : parts)
        EXPECT_NE(d.find(part), std::string::npos) << part << "\nnot in:\n" << d;
}

} // namespace

TEST(ConfigOutputs, AbsentMeansNoSubOutAndNoFurtherSpeakerSets) {
    for (const Config& c : {ConfigFile::parse(kOneInput, "t.conf"), ConfigFile::load(kExample)}) {
        EXPECT_FALSE(c.bass_management.has_value());
        EXPECT_TRUE(c.speakers.empty());
        EXPECT_TRUE(c.outputs.sub_out_connect.empty());
        EXPECT_EQ(c.outputs.pre_out_label, "Main");
        EXPECT_EQ(c.output_layout(), (preamp::dsp::OutputLayout{0, 1}));
        expect_described(c, {"bass management: none (no sub_out)"});
        EXPECT_EQ(ConfigFile::describe(c).find("speaker sets"), std::string::npos);
    }
}

TEST(ConfigOutputs, TheExamplesInTheExampleFileAreValidAndDocumentTheDefaults) {
    const std::string text = example_uncommented();
    const Config c = ConfigFile::parse(text, "preampd.conf");
    ASSERT_TRUE(c.bass_management.has_value()) << text;
    const preamp::core::BassManagementConfig d;
    EXPECT_EQ(c.bass_management->crossover_hz, d.crossover_hz);
    EXPECT_EQ(c.bass_management->mains_highpass, d.mains_highpass);
    EXPECT_EQ(c.bass_management->channels, d.channels);
    EXPECT_EQ(c.bass_management->sub_level_db, d.sub_level_db);
    EXPECT_EQ(c.bass_management->sub_delay_ms, d.sub_delay_ms);
    EXPECT_EQ(c.bass_management->sub_polarity_inverted, d.sub_polarity_inverted);
    EXPECT_EQ(c.bass_management->enabled, d.enabled);
    EXPECT_EQ(c.outputs.sub_out_connect, (std::vector<std::string>{"system:playback_3"}));
    ASSERT_EQ(c.speakers.size(), 1u);
    EXPECT_EQ(c.speakers[0].name, "b");
    EXPECT_EQ(c.speakers[0].label, "Nearfields");
    EXPECT_FALSE(c.speakers[0].on);
}

TEST(ConfigOutputs, AnEmptyBassManagementGroupHasTheDocumentedDefaults) {
    const Config c = ConfigFile::parse(kOneInput + "bass_management = {};\n", "t.conf");
    ASSERT_TRUE(c.bass_management.has_value());
    const auto& b = *c.bass_management;
    EXPECT_EQ(b.crossover_hz, 80.0);
    EXPECT_TRUE(b.mains_highpass);
    EXPECT_EQ(b.channels, 1u);
    EXPECT_EQ(b.sub_level_db, 0.0);
    EXPECT_EQ(b.sub_delay_ms, 0.0);
    EXPECT_FALSE(b.sub_polarity_inverted);
    EXPECT_TRUE(b.enabled);
    EXPECT_EQ(c.output_layout(), (preamp::dsp::OutputLayout{1, 1}));
    expect_described(c, {"bass management: LR4 crossover at 80 Hz, pre_out high-passed, sub_out "
                         "mono (the mean of the channels), level 0 dB, delay 0 ms, polarity "
                         "normal, on at start",
                         "sub_out: not connected"});
}

TEST(ConfigOutputs, EveryNewSettingLandsInItsField) {
    const Config c = ConfigFile::parse(R"(
inputs = ( { name = "cd"; } );
outputs = { pre_out = { label = "Mains"; connect = ["p:1", "p:2"]; };
            sub_out = { connect = ["s:1", "s:2"]; }; };
bass_management = { crossover_hz = 120; mains_highpass = false; channels = 2;
                    sub_level_db = -3.5; sub_delay_ms = 2.5; sub_polarity = "inverted";
                    enabled = false; };
speakers = ( { name = "b"; label = "Nearfields"; trim_db = -2.0; delay_ms = 1.25;
               connect = ["n:1", "n:2"]; on = true; },
             { name = "c2"; } );
)",
                                       "t.conf");
    EXPECT_EQ(c.outputs.pre_out_label, "Mains");
    EXPECT_EQ(c.outputs.sub_out_connect, (std::vector<std::string>{"s:1", "s:2"}));
    ASSERT_TRUE(c.bass_management.has_value());
    const auto& b = *c.bass_management;
    EXPECT_EQ(b.crossover_hz, 120.0);
    EXPECT_FALSE(b.mains_highpass);
    EXPECT_EQ(b.channels, 2u);
    EXPECT_EQ(b.sub_level_db, -3.5);
    EXPECT_EQ(b.sub_delay_ms, 2.5);
    EXPECT_TRUE(b.sub_polarity_inverted);
    EXPECT_FALSE(b.enabled);
    ASSERT_EQ(c.speakers.size(), 2u);
    EXPECT_EQ(c.speakers[0].name, "b");
    EXPECT_EQ(c.speakers[0].label, "Nearfields");
    EXPECT_EQ(c.speakers[0].trim_db, -2.0);
    EXPECT_EQ(c.speakers[0].delay_ms, 1.25);
    EXPECT_EQ(c.speakers[0].connect, (std::vector<std::string>{"n:1", "n:2"}));
    EXPECT_TRUE(c.speakers[0].on);
    EXPECT_EQ(c.speakers[1].name, "c2");
    EXPECT_EQ(c.speakers[1].label, "") << "core::Settings falls back to the name";
    EXPECT_EQ(c.speakers[1].trim_db, 0.0);
    EXPECT_EQ(c.speakers[1].delay_ms, 0.0);
    EXPECT_FALSE(c.speakers[1].on);
    EXPECT_EQ(c.output_layout(), (preamp::dsp::OutputLayout{2, 3}));
    expect_described(
        c, {"speaker sets:", "a \"Mains\": pre_out, on at start",
            "b \"Nearfields\", trim -2 dB, delay 1.25 ms, on at start, pre_out_b_L -> n:1, "
            "pre_out_b_R -> n:2",
            "c2 \"c2\", trim 0 dB, delay 0 ms, off at start, not connected",
            "bass management: LR4 crossover at 120 Hz, pre_out full range, sub_out one per "
            "side, level -3.5 dB, delay 2.5 ms, polarity inverted, off at start",
            "sub_out: sub_out_L -> s:1, sub_out_R -> s:2"});
}

TEST(ConfigOutputs, RefusesBadBassManagementOnItsLine) {
    const std::string g = kOneInput + "bass_management = {\n";
    expect_error(g + " crossover_hz = 300; };\n",
                 "t.conf:3: bass_management.crossover_hz 300 Hz is out of range: allowed 40 "
                 "to 250 Hz");
    expect_error(g + " crossover_hz = 39.9; };\n",
                 "t.conf:3: bass_management.crossover_hz 39.9 Hz is out of range: allowed 40 "
                 "to 250 Hz");
    expect_error(g + " sub_level_db = 10.5; };\n",
                 "t.conf:3: bass_management.sub_level_db 10.5 dB is out of range: allowed -20 "
                 "to 10 dB");
    expect_error(g + " sub_delay_ms = -1; };\n",
                 "t.conf:3: bass_management.sub_delay_ms -1 ms is out of range: allowed 0 to "
                 "20 ms");
    expect_error(g + " sub_delay_ms = 20.5; };\n",
                 "t.conf:3: bass_management.sub_delay_ms 20.5 ms is out of range: allowed 0 "
                 "to 20 ms");
    expect_error(g + " channels = 3; };\n",
                 "t.conf:3: bass_management.channels: 3 is not allowed: 1 (sub_out, the mean "
                 "of the channels) or 2 (sub_out_L and sub_out_R, one per side)");
    expect_error(g + " channels = 1.5; };\n",
                 "t.conf:3: bass_management.channels: 1.5 is not allowed: 1 (sub_out, the "
                 "mean of the channels) or 2 (sub_out_L and sub_out_R, one per side)");
    expect_error("jack = { channels = [\"L\", \"R\", \"C\"]; };\n" + g + " channels = 2; };\n",
                 "t.conf:4: bass_management.channels 2 needs jack.channels of exactly 2 (left "
                 "and right), not 3");
    expect_error(g + " sub_polarity = \"reversed\"; };\n",
                 "t.conf:3: bass_management.sub_polarity: \"reversed\" is not allowed: use "
                 "\"normal\" or \"inverted\"");
    expect_error(g + " mains_highpass = \"yes\"; };\n",
                 "t.conf:3: bass_management.mains_highpass: expected a boolean (true or "
                 "false), got a string");
    expect_error(g + " enabled = 1; };\n",
                 "t.conf:3: bass_management.enabled: expected a boolean (true or false), got "
                 "a number");
    expect_error(g + " crosover_hz = 80; };\n",
                 "t.conf:3: unknown setting bass_management.crosover_hz (did you mean "
                 "bass_management.crossover_hz?)");
    expect_error(kOneInput + "bass_management = 80;\n",
                 "t.conf:2: bass_management: expected a group, got a number");
}

TEST(ConfigOutputs, RefusesASubOutWithoutBassManagementOrWithTooManyPorts) {
    expect_error(kOneInput + "outputs = { sub_out = {\n connect = [\"s:1\"]; }; };\n",
                 "t.conf:3: outputs.sub_out.connect needs a bass_management group: without it "
                 "there is no sub_out");
    expect_error(kOneInput + "bass_management = {};\n"
                             "outputs = { sub_out = {\n connect = [\"s:1\", \"s:2\"]; }; };\n",
                 "t.conf:4: outputs.sub_out.connect has 2 entries: the output has 1 channels");
    expect_error(kOneInput + "outputs = { sub_out = { label = \"Sub\"; }; };\n",
                 "t.conf:2: unknown setting outputs.sub_out.label (known here: connect)");
}

TEST(ConfigOutputs, RefusesBadSpeakerSetsOnTheirLine) {
    expect_error(kOneInput + "speakers = (\n { name = \"a\"; } );\n",
                 "t.conf:3: speakers.[0].name \"a\" is reserved: set \"a\" is pre_out itself");
    expect_error(kOneInput + "speakers = ( { name = \"b\"; },\n { name = \"b\"; } );\n",
                 "t.conf:3: speakers.[1].name \"b\" appears twice");
    expect_error(kOneInput + "speakers = ( { name = \"Near\"; } );\n",
                 "t.conf:2: speakers.[0].name \"Near\" is not a valid name: a lower-case "
                 "letter, then lower-case letters, digits, '_' or '-', at most 32");
    expect_error(kOneInput + "speakers = ( { name = \"2b\"; } );\n",
                 "t.conf:2: speakers.[0].name \"2b\" is not a valid name: a lower-case "
                 "letter, then lower-case letters, digits, '_' or '-', at most 32");
    expect_error(kOneInput + "speakers = ( { label = \"Near\"; } );\n",
                 "t.conf:2: speakers.[0].name: missing, and there is no default");
    expect_error(kOneInput +
                     "speakers = ( { name = \"b\"; }, { name = \"c\"; }, { name = \"d\"; },\n"
                     " { name = \"e\"; } );\n",
                 "t.conf:2: speakers has 4 entries: allowed at most 3 (pre_out is set \"a\")");
    expect_error(kOneInput + "speakers = ( { name = \"b\";\n trim_db = 25; } );\n",
                 "t.conf:3: speakers.[0].trim_db 25 dB is out of range: allowed -24 to 24 dB");
    expect_error(kOneInput + "speakers = ( { name = \"b\";\n delay_ms = 21; } );\n",
                 "t.conf:3: speakers.[0].delay_ms 21 ms is out of range: allowed 0 to 20 ms");
    expect_error(kOneInput + "speakers = ( { name = \"b\";\n on = \"true\"; } );\n",
                 "t.conf:3: speakers.[0].on: expected a boolean (true or false), got a string");
    expect_error(kOneInput + "speakers = ( { name = \"b\";\n"
                             " connect = [\"n:1\", \"n:2\", \"n:3\"]; } );\n",
                 "t.conf:3: speakers.[0].connect has 3 entries: the output has 2 channels");
    expect_error(kOneInput + "speakers = ( { name = \"b\";\n label = \"" + std::string(65, 'x') +
                     "\"; } );\n",
                 "t.conf:3: speakers.[0].label is longer than 64 characters");
    expect_error(kOneInput + "speakers = ( { name = \"b\";\n trimdb = 1; } );\n",
                 "t.conf:3: unknown setting speakers.[0].trimdb (did you mean "
                 "speakers.[0].trim_db?)");
    expect_error(kOneInput + "outputs = { pre_out = {\n label = \"" + std::string(65, 'x') +
                     "\"; }; };\n",
                 "t.conf:3: outputs.pre_out.label is longer than 64 characters");
}

TEST(ConfigOutputs, TheSchemaListsTheNewSettingsForTheManPage) {
    const auto keys = preamp::config::Schema::keys();
    for (const char* key : {"outputs.pre_out.label", "outputs.sub_out.connect", "speakers.name",
                            "speakers.label", "speakers.trim_db", "speakers.delay_ms",
                            "speakers.on", "speakers.connect", "bass_management.crossover_hz",
                            "bass_management.mains_highpass", "bass_management.channels",
                            "bass_management.sub_level_db", "bass_management.sub_delay_ms",
                            "bass_management.sub_polarity", "bass_management.enabled"})
        EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end()) << key;
}
