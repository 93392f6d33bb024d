// The config file: the documented example loads with the documented defaults, every
// setting lands in its field, and every mistake is refused with "FILE:LINE: setting".

#include "ConfigExpect.hpp"
#include "config/ConfigFile.hpp"
#include "config/Suggest.hpp"
#include "core/Config.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using preamp::config::ConfigError;
using preamp::config::ConfigFile;
using preamp::config::test::kExample;
using preamp::config::test::kOneInput;
using preamp::core::Config;

namespace {

// `text` must be refused with a message that starts with `prefix` and contains `part`.
void expect_error(const std::string& text, const std::string& prefix,
                  const std::string& part = "") {
    try {
        (void)ConfigFile::parse(text, "t.conf");
        ADD_FAILURE() << "accepted:\n" << text;
    } catch (const ConfigError& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.substr(0, prefix.size()), prefix) << what;
        EXPECT_NE(what.find(part), std::string::npos) << what;
    }
}

void expect_load_error(const std::string& path, const std::string& message) {
    try {
        (void)ConfigFile::load(path);
        ADD_FAILURE() << "loaded " << path;
    } catch (const ConfigError& e) {
        EXPECT_EQ(std::string(e.what()), message);
    }
}

// Everything but inputs and connections is core::Config's default.
void expect_defaults_elsewhere(const Config& c) {
    const Config d;
    EXPECT_EQ(c.jack.client_name, d.jack.client_name);
    EXPECT_EQ(c.jack.server, d.jack.server);
    EXPECT_EQ(c.jack.channels, d.jack.channels);
    EXPECT_EQ(c.volume.min_db, d.volume.min_db);
    EXPECT_EQ(c.volume.max_db, d.volume.max_db);
    EXPECT_EQ(c.volume.default_db, d.volume.default_db);
    EXPECT_EQ(c.volume.step_db, d.volume.step_db);
    EXPECT_EQ(c.volume.ramp_ms, d.volume.ramp_ms);
    EXPECT_EQ(c.volume.dim_db, d.volume.dim_db);
    EXPECT_EQ(c.volume.startup, d.volume.startup);
    EXPECT_EQ(c.volume.startup_max_db, d.volume.startup_max_db);
    EXPECT_EQ(c.tone.bass.freq_hz, d.tone.bass.freq_hz);
    EXPECT_EQ(c.tone.bass.range_db, d.tone.bass.range_db);
    EXPECT_EQ(c.tone.treble.freq_hz, d.tone.treble.freq_hz);
    EXPECT_EQ(c.tone.treble.range_db, d.tone.treble.range_db);
    EXPECT_EQ(c.loudness.reference_db, d.loudness.reference_db);
    EXPECT_EQ(c.loudness.reference_phon, d.loudness.reference_phon);
    EXPECT_EQ(c.loudness.bass_max_db, d.loudness.bass_max_db);
    EXPECT_EQ(c.loudness.treble_max_db, d.loudness.treble_max_db);
    EXPECT_EQ(c.state.file, d.state.file);
}

} // namespace

TEST(ConfigFile, TheExampleLoadsWithTheDocumentedDefaults) {
    const Config c = ConfigFile::load(kExample);
    expect_defaults_elsewhere(c);
    ASSERT_EQ(c.inputs.size(), 2u);
    EXPECT_EQ(c.inputs[0].name, "cd");
    EXPECT_EQ(c.inputs[0].label, "CD Player");
    EXPECT_EQ(c.inputs[0].trim_db, 0.0);
    EXPECT_EQ(c.inputs[0].connect,
              (std::vector<std::string>{"system:capture_1", "system:capture_2"}));
    EXPECT_EQ(c.inputs[1].name, "phono");
    EXPECT_EQ(c.inputs[1].label, "Turntable");
    EXPECT_EQ(c.inputs[1].trim_db, 6.0);
    EXPECT_TRUE(c.inputs[1].connect.empty());
    EXPECT_EQ(c.outputs.pre_out_connect,
              (std::vector<std::string>{"system:playback_1", "system:playback_2"}));
    EXPECT_TRUE(c.outputs.rec_out_connect.empty());

    const std::string d = ConfigFile::describe(c);
    for (const char* part :
         {"JACK client \"preamp\" on the default server, channels L R",
          "cd \"CD Player\", trim 0 dB", "cd_L <- system:capture_1, cd_R <- system:capture_2",
          "phono \"Turntable\", trim +6 dB, not connected",
          "pre_out: pre_out_L -> system:playback_1, pre_out_R -> system:playback_2",
          "rec_out: not connected", "volume: -80 to 0 dB, default -30 dB, step 1 dB, ramp 30 ms",
          "dim -20 dB", "startup: the saved state, at most -20 dB",
          "tone: bass 100 Hz +/-12 dB, treble 10000 Hz +/-12 dB",
          "loudness: ISO 226 below -10 dB (heard at 80 phon), bass up to 36 dB, treble up to 12 dB",
          "state file: /var/lib/preampd/state"})
        EXPECT_NE(d.find(part), std::string::npos) << part << "\nnot in:\n" << d;
}

TEST(ConfigFile, OneInputIsEnoughAndEverythingElseIsDefault) {
    const Config c = ConfigFile::parse(kOneInput, "t.conf");
    expect_defaults_elsewhere(c);
    ASSERT_EQ(c.inputs.size(), 1u);
    EXPECT_EQ(c.inputs[0].name, "cd");
    EXPECT_EQ(c.inputs[0].label, "") << "core::Settings falls back to the name";
    EXPECT_EQ(c.inputs[0].trim_db, 0.0);
    EXPECT_TRUE(c.inputs[0].connect.empty());
    EXPECT_TRUE(c.outputs.pre_out_connect.empty());
    EXPECT_TRUE(c.outputs.rec_out_connect.empty());
}

TEST(ConfigFile, EverySettingLandsInItsField) {
    const Config c = ConfigFile::parse(R"(
jack = { client_name = "hifi"; server = "pro"; channels = ["FL", "FR", "LFE"]; };
inputs = ( { name = "tuner"; label = "FM Tuner"; trim_db = -3.5;
             connect = ["a:1", "~^USB Audio.*:capture_FL$"]; },
           { name = "aux-2"; trim_db = 6; } );
outputs = { pre_out = { connect = ["b:1", "b:2", "b:3"]; }; rec_out = { connect = ("c:1"); }; };
volume = { min_db = -90; max_db = 6.0; default_db = -40.0; step_db = 0.5; ramp_ms = 50.0;
           dim_db = -30.0; startup = "default"; startup_max_db = -25.0; };
tone = { bass = { freq_hz = 200.0; range_db = 10.0; }; treble = { freq_hz = 8000; range_db = 6.0; }; };
loudness = { reference_db = -20.0; reference_phon = 75; bass_max_db = 15.0; treble_max_db = 3.0; };
state = { file = "/tmp/preampd-state"; };
)",
                                       "t.conf");
    EXPECT_EQ(c.jack.client_name, "hifi");
    EXPECT_EQ(c.jack.server, "pro");
    EXPECT_EQ(c.jack.channels, (std::vector<std::string>{"FL", "FR", "LFE"}));
    ASSERT_EQ(c.inputs.size(), 2u);
    EXPECT_EQ(c.inputs[0].name, "tuner");
    EXPECT_EQ(c.inputs[0].label, "FM Tuner");
    EXPECT_EQ(c.inputs[0].trim_db, -3.5);
    EXPECT_EQ(c.inputs[0].connect, (std::vector<std::string>{"a:1", "~^USB Audio.*:capture_FL$"}));
    EXPECT_EQ(c.inputs[1].name, "aux-2");
    EXPECT_EQ(c.inputs[1].trim_db, 6.0) << "an int is accepted for a float";
    EXPECT_EQ(c.outputs.pre_out_connect, (std::vector<std::string>{"b:1", "b:2", "b:3"}));
    EXPECT_EQ(c.outputs.rec_out_connect, (std::vector<std::string>{"c:1"}))
        << "a list ( ) works too";
    EXPECT_EQ(c.volume.min_db, -90.0);
    EXPECT_EQ(c.volume.max_db, 6.0);
    EXPECT_EQ(c.volume.default_db, -40.0);
    EXPECT_EQ(c.volume.step_db, 0.5);
    EXPECT_EQ(c.volume.ramp_ms, 50.0);
    EXPECT_EQ(c.volume.dim_db, -30.0);
    EXPECT_EQ(c.volume.startup, Config::Volume::Startup::use_default);
    EXPECT_EQ(c.volume.startup_max_db, -25.0);
    EXPECT_EQ(c.tone.bass.freq_hz, 200.0);
    EXPECT_EQ(c.tone.bass.range_db, 10.0);
    EXPECT_EQ(c.tone.treble.freq_hz, 8000.0);
    EXPECT_EQ(c.tone.treble.range_db, 6.0);
    EXPECT_EQ(c.loudness.reference_db, -20.0);
    EXPECT_EQ(c.loudness.reference_phon, 75.0);
    EXPECT_EQ(c.loudness.bass_max_db, 15.0);
    EXPECT_EQ(c.loudness.treble_max_db, 3.0);
    EXPECT_EQ(c.state.file, "/tmp/preampd-state");

    const std::string d = ConfigFile::describe(c);
    EXPECT_NE(d.find("on server \"pro\", channels FL FR LFE"), std::string::npos) << d;
    EXPECT_NE(d.find("aux-2 \"aux-2\", trim +6 dB"), std::string::npos) << d;
    EXPECT_NE(d.find("startup: the defaults, at most -25 dB"), std::string::npos) << d;
}

TEST(ConfigFile, RefusesSyntaxErrors) {
    expect_error(kOneInput + "volume = { min_db = ; };\n", "t.conf:2: syntax error: ");
    expect_error(kOneInput + "state = { file = \"/a\"; file = \"/b\"; };\n",
                 "t.conf:2: syntax error: ", "duplicate");
    expect_error(std::string("inputs = ( { name = \"cd\"; } );\0x = 1;\n", 37), "t.conf: ", "NUL");
    expect_error(kOneInput + std::string(std::size_t{1} << 20, '#'),
                 "t.conf: is larger than 1 MiB");
}

TEST(ConfigFile, RefusesUnknownSettingsSuggestingTheNearest) {
    expect_error(kOneInput + "\nvolum = { min_db = -60.0; };\n",
                 "t.conf:3: unknown setting volum (did you mean volume?)");
    expect_error(kOneInput + "volume = {\n  min_db = -60.0;\n  defualt_db = -40.0;\n};\n",
                 "t.conf:4: unknown setting volume.defualt_db (did you mean volume.default_db?)");
    expect_error(kOneInput + "tone = { bass = {\n frq_hz = 90.0; }; };\n",
                 "t.conf:3: unknown setting tone.bass.frq_hz (did you mean tone.bass.freq_hz?)");
    expect_error("inputs = ( { name = \"cd\";\n lable = \"CD\"; } );\n",
                 "t.conf:2: unknown setting inputs.[0].lable (did you mean inputs.[0].label?)");
    expect_error(kOneInput + "volume = { loud = 1; };\n",
                 "t.conf:2: unknown setting volume.loud (known here: min_db, max_db,");
}

TEST(ConfigFile, RefusesWrongTypes) {
    expect_error(kOneInput + "volume = {\n  default_db = \"-20\";\n};\n",
                 "t.conf:3: volume.default_db: expected a number, got a string");
    expect_error(kOneInput + "jack = { client_name = 5; };\n",
                 "t.conf:2: jack.client_name: expected a string, got a number");
    expect_error("inputs = { name = \"cd\"; };\n",
                 "t.conf:1: inputs: expected a list or an array, got a group");
    expect_error(kOneInput + "volume = -20.0;\n",
                 "t.conf:2: volume: expected a group, got a number");
    expect_error("inputs = ( \"cd\" );\n", "t.conf:1: inputs.[0]: expected a group, got a string");
    expect_error("inputs = ( { name = \"cd\"; connect = \"system:capture_1\"; } );\n",
                 "t.conf:1: inputs.[0].connect: expected a list or an array, got a string");
    expect_error(kOneInput + "loudness = { reference_phon = true; };\n",
                 "t.conf:2: loudness.reference_phon: expected a number, got a boolean");
}

TEST(ConfigFile, RefusesValuesOutOfRangeOnTheirLine) {
    expect_error(kOneInput + "volume = {\n  default_db = 5;\n};\n",
                 "t.conf:3: volume.default_db 5 dB is out of range: allowed -80 to 0 dB");
    expect_error(kOneInput + "volume = {\n  max_db = -50.0;\n  default_db = -40.0;\n};\n",
                 "t.conf:4: volume.default_db -40 dB is out of range: allowed -80 to -50 dB");
    // The default -30 dB is above this max_db; default_db is not in the file, so its
    // group's line is named.
    expect_error(kOneInput + "\nvolume = { max_db = -40.0; startup_max_db = -50.0; };\n",
                 "t.conf:3: volume.default_db -30 dB is out of range: allowed -80 to -40 dB");
    expect_error("inputs = ( { name = \"cd\";\n  trim_db = 30; } );\n",
                 "t.conf:2: inputs.[0].trim_db 30 dB is out of range: allowed -24 to 24 dB");
    expect_error(kOneInput + "jack = { channels = [\"L\",\n \"R R\"]; };\n",
                 "t.conf:3: jack.channels.[1] \"R R\" is not a valid name");
    expect_error(kOneInput + "tone = { treble = { freq_hz = 100; }; };\n",
                 "t.conf:2: tone.treble.freq_hz 100 Hz is out of range");
}

TEST(ConfigFile, RefusesBadInputs) {
    expect_error("inputs = (\n { name = \"cd\"; },\n { name = \"cd\"; }\n);\n",
                 "t.conf:3: inputs.[1].name \"cd\" appears twice");
    expect_error("inputs = ( { name = \"CD Player\"; } );\n",
                 "t.conf:1: inputs.[0].name \"CD Player\" is not a valid name");
    expect_error("inputs = ( { name = \"cd\"; },\n { name = \"pre_out\"; } );\n",
                 "t.conf:2: inputs.[1].name \"pre_out\" is reserved for an output");
    expect_error("inputs = ( { name = \"cd\"; },\n { label = \"Tape\"; } );\n",
                 "t.conf:2: inputs.[1].name: missing");
    expect_error("jack = { client_name = \"x\"; };\n",
                 "t.conf: inputs: at least one input is needed");
    expect_error("\ninputs = ();\n", "t.conf:2: inputs: at least one input is needed");
}

TEST(ConfigFile, RefusesBadConnections) {
    expect_error("inputs = ( { name = \"cd\";\n connect = [\"a:1\", \"a:2\", \"a:3\"]; } );\n",
                 "t.conf:2: inputs.[0].connect has 3 entries: the input has 2 channels");
    expect_error(kOneInput + "jack = { channels = [\"M\"]; };\n"
                             "outputs = { rec_out = { connect = [\"a:1\", \"a:2\"]; }; };\n",
                 "t.conf:3: outputs.rec_out.connect has 2 entries: the output has 1 channels");
    expect_error(
        "inputs = ( { name = \"cd\";\n connect = [\"~[unclosed\"]; } );\n",
        "t.conf:2: inputs.[0].connect.[0]: \"~[unclosed\" is not a valid regular expression: ");
    expect_error("inputs = ( { name = \"cd\"; connect = [\"a:1\",\n \"\"]; } );\n",
                 "t.conf:2: inputs.[0].connect.[1]: empty");
    expect_error("inputs = ( { name = \"cd\"; connect = [\"~\"]; } );\n",
                 "t.conf:1: inputs.[0].connect.[0]: \"~\" needs a regular expression");
    expect_error(
        kOneInput + "outputs = { pre_out = { connect = [\"playback_1\"]; }; };\n",
        "t.conf:2: outputs.pre_out.connect.[0]: \"playback_1\" is not a full JACK port name");
}

TEST(ConfigFile, RefusesWhatValidateDoesNotKnow) {
    expect_error(
        kOneInput + "volume = {\n startup = \"loud\"; };\n",
        "t.conf:3: volume.startup: \"loud\" is not allowed: use \"restore\" or \"default\"");
    expect_error(kOneInput + "jack = {\n client_name = \"\"; };\n",
                 "t.conf:3: jack.client_name: empty");
    expect_error(kOneInput + "jack = { client_name = \"a:b\"; };\n",
                 "t.conf:2: jack.client_name: \"a:b\" contains ':'");
    expect_error(kOneInput + "jack = { client_name = \"" + std::string(33, 'p') + "\"; };\n",
                 "t.conf:2: jack.client_name: ", "longer than 32 characters");
    expect_error(kOneInput + "state = {\n file = \"var/lib/preampd/state\"; };\n",
                 "t.conf:3: state.file: \"var/lib/preampd/state\" is not an absolute path");
    expect_error(kOneInput + "state = { file = \"\"; };\n",
                 "t.conf:2: state.file: \"\" is not an absolute path");
}

TEST(ConfigFile, AStateFileLeftOutTakesTheDefaultsGivenAndANamedOneWins) {
    const ConfigFile::Defaults unit{.state_file = "/var/lib/preampd-unit/state"};
    EXPECT_EQ(ConfigFile::parse(kOneInput, "t.conf").state.file, "/var/lib/preampd/state");
    EXPECT_EQ(ConfigFile::parse(kOneInput, "t.conf", unit).state.file,
              "/var/lib/preampd-unit/state");
    EXPECT_EQ(ConfigFile::parse(kOneInput + "state = { file = \"/srv/s\"; };\n", "t.conf", unit)
                  .state.file,
              "/srv/s");
}

TEST(ConfigFile, RefusesFilesItCannotRead) {
    expect_load_error("/nonexistent/preampd.conf",
                      "/nonexistent/preampd.conf: cannot be read: No such file or directory");
    const std::string dir = PREAMPD_SOURCE_DIR "/config";
    expect_load_error(dir, dir + ": is a directory: only regular files are allowed");
    expect_load_error("/dev/zero",
                      "/dev/zero: is a character device: only regular files are allowed");
}

TEST(Suggest, CountsEditsWithTranspositionsAsOne) {
    using preamp::config::edit_distance;
    EXPECT_EQ(edit_distance("default_db", "default_db"), 0u);
    EXPECT_EQ(edit_distance("defualt_db", "default_db"), 1u);
    EXPECT_EQ(edit_distance("volum", "volume"), 1u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);

    const std::string_view keys[] = {"min_db", "max_db", "dim_db"};
    EXPECT_EQ(preamp::config::closest("mix_db", keys), "min_db") << "the first on a tie";
    EXPECT_EQ(preamp::config::closest("dimm", keys), std::nullopt) << "too far";
}

// A file written for the contour of two linear shelves still loads; its shelf settings
// are ignored, but still type-checked.
TEST(Config, TheLoudnessShelvesOfOlderFilesAreIgnored) {
    const std::string old = std::string(kOneInput) +
                            "loudness = { reference_db = -15.0; bass_freq_hz = 100.0; "
                            "bass_slope = 0.3; bass_max_db = 12.0; treble_freq_hz = 10000.0; "
                            "treble_slope = 0.1; treble_max_db = 4.0; };\n";
    const Config c = ConfigFile::parse(old, "t.conf");
    EXPECT_EQ(c.loudness.reference_db, -15.0);
    EXPECT_EQ(c.loudness.bass_max_db, 12.0);
    EXPECT_THROW((void)ConfigFile::parse(std::string(kOneInput) +
                                             "loudness = { bass_slope = \"steep\"; };\n",
                                         "t.conf"),
                 ConfigError);
}
