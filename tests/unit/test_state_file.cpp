// The state file: round trip, refusal of nonsense with file:line, atomic replacement.

#include "core/StateFile.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <string>
#include <vector>

using namespace preamp::core;
namespace fs = std::filesystem;

namespace {

class StateFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string tmpl = (fs::temp_directory_path() / "preamp-state-XXXXXX").string();
        ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
        dir_ = tmpl;
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path write_text(const std::string& text) {
        const auto p = dir_ / "state";
        std::ofstream(p) << text;
        return p;
    }

    fs::path dir_;
};

} // namespace

TEST_F(StateFileTest, RoundTrips) {
    State s;
    s.volume_db = -23.7;
    s.mute = true;
    s.source = "phono";
    s.rec_source = "";
    s.balance = -0.25;
    s.bass_db = 4.5;
    s.treble_db = -1.1;
    s.loudness = true;
    s.direct = true;
    s.dim = true;
    const auto p = dir_ / "state";
    StateFile::write(p, s);
    EXPECT_EQ(StateFile::read(p, State{}), s);
    // Nothing but the file itself is left in the directory.
    EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
    // rw for preampd, r for its group (preamp-render --state), nothing for others.
    EXPECT_EQ(fs::status(p).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
}

TEST_F(StateFileTest, RoundTripsTheMonitorAndBassValues) {
    State s;
    s.source = "cd";
    s.mono = true;
    s.swap = true;
    s.polarity = {false, true, true};
    s.speakers = {"a", "near-2"};
    s.sub = SubState{true, -7.3, 85.5, 0.1, true};
    const auto p = dir_ / "state";
    StateFile::write(p, s);
    EXPECT_EQ(StateFile::read(p, State{}), s);
    const std::string text = StateFile::text(s);
    for (const char* line :
         {"\nmono = true\n", "\nswap = true\n", "\npolarity = normal, inverted, inverted\n",
          "\nspeakers = a, near-2\n", "\nsub_enabled = true\n", "\nsub_level_db = -7.3\n",
          "\ncrossover_hz = 85.5\n", "\nsub_delay_ms = 0.1\n", "\nsub_polarity_inverted = true\n"})
        EXPECT_NE(text.find(line), std::string::npos) << line << " not in\n" << text;

    State empty; // lists may be empty on disk; Settings::fitted gives them values
    empty.source = "cd";
    StateFile::write(p, empty);
    State base = s;
    base.sub.reset();
    EXPECT_EQ(StateFile::read(p, base), empty);
    EXPECT_EQ(StateFile::text(empty).find("sub_"), std::string::npos)
        << "without bass management nothing is said about a sub";
    EXPECT_EQ(StateFile::read(p, s).sub, s.sub) << "nor read";

    // A partial sub: the rest from the base, else SubState's defaults.
    EXPECT_EQ(StateFile::parse("sub_level_db = -2\n", s, "state").sub,
              (SubState{true, -2, 85.5, 0.1, true}));
    EXPECT_EQ(StateFile::parse("sub_level_db = -2\n", State{}, "state").sub,
              (SubState{true, -2, 80, 0, false}));
}

// What preampd wrote before issue 11: the new values keep the base (the defaults).
TEST_F(StateFileTest, AnOldFileKeepsTheBaseForTheNewKeys) {
    State base;
    base.polarity = {false, false};
    base.speakers = {"a", "c"};
    base.sub = SubState{false, -2, 100, 0, false};
    const auto s = StateFile::read(write_text("# preampd state: written by preampd, read at start\n"
                                              "volume_db = -25\nmute = false\ndim = false\n"
                                              "source = cd\nrec_source = \nbalance = 0\n"
                                              "bass_db = 2\ntreble_db = 0\nloudness = true\n"
                                              "direct = false\n"),
                                   base);
    EXPECT_EQ(s.volume_db, -25);
    EXPECT_TRUE(s.loudness);
    EXPECT_EQ(s.polarity, base.polarity);
    EXPECT_EQ(s.speakers, base.speakers);
    EXPECT_EQ(s.sub, base.sub);
    EXPECT_FALSE(s.mono);
}

TEST_F(StateFileTest, ListsAreCommaSeparatedAndBlankEntriesLeftOut) {
    const auto s =
        StateFile::parse("speakers =  b ,, c ,\npolarity = inverted,normal\n", State{}, "state");
    EXPECT_EQ(s.speakers, (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(s.polarity, (std::vector<bool>{true, false}));
    State base;
    base.speakers = {"a"};
    base.polarity = {true};
    const auto e = StateFile::parse("speakers =\npolarity = \n", base, "state");
    EXPECT_TRUE(e.speakers.empty());
    EXPECT_TRUE(e.polarity.empty());
}

TEST_F(StateFileTest, ReplacesAnExistingFileWhole) {
    const auto p = write_text(std::string(10000, '#') + "\n");
    State s;
    s.source = "cd";
    StateFile::write(p, s);
    EXPECT_EQ(StateFile::read(p, State{}), s);
    EXPECT_LT(fs::file_size(p), 1000u);
}

TEST_F(StateFileTest, MissingKeysKeepTheBase) {
    State base;
    base.volume_db = -44;
    base.source = "tuner";
    const auto s = StateFile::read(write_text("# partial\n\nmute = true\n"), base);
    EXPECT_TRUE(s.mute);
    EXPECT_EQ(s.volume_db, -44);
    EXPECT_EQ(s.source, "tuner");
}

TEST_F(StateFileTest, RefusesNonsenseNamingFileAndLine) {
    const auto refused = [&](const std::string& text, const std::string& part) {
        const auto p = write_text(text);
        try {
            (void)StateFile::read(p, State{});
            ADD_FAILURE() << "accepted: " << text;
        } catch (const StateFileError& e) {
            EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
        }
    };
    refused("volume_db = -20\nmute = yes\n", "state:2: mute = \"yes\" is not true or false");
    refused("volume_db = loud\n", "state:1: volume_db = \"loud\" is not a number");
    refused("volume_db = -20dB\n", "not a number");
    refused("volum_db = -20\n", "state:1: unknown key \"volum_db\"");
    refused("mono = false\npolarity = normal, upside\n",
            "state:2: polarity = \"normal, upside\" is not a list of normal or inverted");
    refused("polarity = true\n", "state:1: polarity = \"true\" is not a list of normal");
    refused("sub_enabled = 1\n", "state:1: sub_enabled = \"1\" is not true or false");
    refused("swap = on\n", "state:1: swap = \"on\" is not true or false");
    refused("sub_polarity_inverted = inverted\n",
            "state:1: sub_polarity_inverted = \"inverted\" is not true or false");
    refused("crossover_hz = 80Hz\n", "state:1: crossover_hz = \"80Hz\" is not a number");
    refused("\n\njust words\n", "state:3: expected \"key = value\"");
    refused(std::string(70000, '#'), "too large");
    EXPECT_THROW((void)StateFile::read(dir_ / "absent", State{}), StateFileError);
}

// from_chars reads "nan" and "inf"; a state file holding one is corrupt, not a setting.
TEST_F(StateFileTest, RefusesNonFiniteNumbersNamingKeyAndValue) {
    for (const std::string key : {"volume_db", "balance", "bass_db", "treble_db", "sub_level_db",
                                  "crossover_hz", "sub_delay_ms"})
        for (const std::string value : {"nan", "inf", "-inf", "NaN", "infinity"}) {
            const auto p = write_text("mute = false\n" + key + " = " + value + "\n");
            try {
                (void)StateFile::read(p, State{});
                ADD_FAILURE() << "accepted " << key << " = " << value;
            } catch (const StateFileError& e) {
                EXPECT_NE(std::string(e.what()).find("state:2: " + key + " = \"" + value +
                                                     "\" is not a finite number"),
                          std::string::npos)
                    << e.what();
            }
        }
}

TEST_F(StateFileTest, WriteFailureNamesThePath) {
    try {
        StateFile::write(dir_ / "no" / "such" / "dir" / "state", State{});
        ADD_FAILURE() << "wrote into a missing directory";
    } catch (const std::system_error& e) {
        EXPECT_NE(std::string(e.what()).find("no/such/dir/state"), std::string::npos) << e.what();
    }
}

// What a write() killed half-way leaves, and only that, goes; a backup made by hand, a
// file of another name or of other content stays, whatever it is called.
TEST_F(StateFileTest, RemovesStaleTemporariesAndNothingElse) {
    const auto p = dir_ / "state";
    StateFile::write(p, State{});
    const auto put = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name) << text;
        return dir_ / name;
    };
    const auto empty = put("state.tmp-AbC123", "");
    const auto partial = put("state.tmp-9zZ0aq", "# preampd st");
    const auto whole = put("state.tmp-Qw3rty", StateFile::text(State{}));
    const std::vector<std::string> kept = {
        "state.backup",            // a copy by hand, of a name mkstemp could have made once
        "state.tmp-AbC12",         // five characters
        "state.tmp-AbC1234",       // seven
        "state.tmp-AbC_12",        // not mkstemp's
        "state.tmp-Other1",        // not our text
        "other.tmp-AbC123",        // another file's
        "state-zone2.tmp-AbC123"}; // another instance's, maybe being written now
    for (const auto& name : kept)
        put(name, name == "state.tmp-Other1" ? "hello\n" : StateFile::text(State{}));
    fs::create_directory(dir_ / "state.tmp-Dir123");
    fs::create_symlink(p, dir_ / "state.tmp-Lnk123");

    auto removed = StateFile::remove_stale_temporaries(p);
    std::sort(removed.begin(), removed.end());
    EXPECT_EQ(removed, (std::vector<fs::path>{partial, empty, whole}));
    for (const auto& f : {empty, partial, whole})
        EXPECT_FALSE(fs::exists(f)) << f;
    for (const auto& name : kept)
        EXPECT_TRUE(fs::exists(dir_ / name)) << name;
    EXPECT_TRUE(fs::is_directory(dir_ / "state.tmp-Dir123"));
    EXPECT_TRUE(fs::is_symlink(dir_ / "state.tmp-Lnk123"));
    EXPECT_EQ(StateFile::read(p, State{}), State{});
    EXPECT_TRUE(StateFile::remove_stale_temporaries(dir_ / "absent" / "state").empty());
}

// What is saved is what is restored, to the last bit: the fuzz target found that a
// number near the end of a double's range was written rounded (%.10g) to one that no
// longer read back (1.797693135e+308 overflows).
TEST_F(StateFileTest, NumbersReadBackExactly) {
    State s;
    s.volume_db = std::numeric_limits<double>::max();
    s.balance = 0.1 + 0.2;
    s.bass_db = -std::numeric_limits<double>::denorm_min();
    s.treble_db = 1.0 / 3.0;
    const auto p = dir_ / "state";
    StateFile::write(p, s);
    EXPECT_EQ(StateFile::read(p, State{}), s);
    State plain;
    plain.volume_db = -23.7;
    EXPECT_NE(StateFile::text(plain).find("volume_db = -23.7\n"), std::string::npos)
        << "and as short as it can be";
}

// parse() is read() without the file: the fuzz target's way in.
TEST_F(StateFileTest, ParsesTextAsReadDoes) {
    State s;
    s.source = "phono";
    s.volume_db = -12.5;
    EXPECT_EQ(StateFile::parse(StateFile::text(s), State{}, "t"), s);
    EXPECT_EQ(StateFile::parse("mute = true", State{}, "t").mute, true) << "no final newline";
    try {
        (void)StateFile::parse("\n\nmute = maybe\n", State{}, "text");
        ADD_FAILURE() << "accepted";
    } catch (const StateFileError& e) {
        EXPECT_NE(std::string(e.what()).find("text:3: mute = \"maybe\""), std::string::npos)
            << e.what();
    }
}

TEST_F(StateFileTest, RoundTripsTheCommonAndTheRememberedVolumes) {
    State s;
    s.source = "phono";
    s.volume_db = -17.25;
    s.common_volume_db = -33.5;
    s.remembered_db = {{"phono", -17.25}, {"tuner", -8}};
    const auto p = dir_ / "state";
    StateFile::write(p, s);
    EXPECT_EQ(StateFile::read(p, State{}), s);
    const std::string text = StateFile::text(s);
    for (const char* line : {"\ncommon_volume_db = -33.5\n", "\nvolume_db.phono = -17.25\n",
                             "\nvolume_db.tuner = -8\n"})
        EXPECT_NE(text.find(line), std::string::npos) << line << "not in:\n" << text;
    EXPECT_THROW((void)StateFile::read(write_text("volume_db.tuner = loud\n"), State{}),
                 StateFileError);
}

TEST_F(StateFileTest, AFileWithoutTheRememberedVolumesKeepsTheBase) {
    State base;
    base.common_volume_db = -30;
    base.remembered_db = {{"tuner", -30}};
    const auto s = StateFile::read(write_text("volume_db = -25\nsource = cd\n"), base);
    EXPECT_EQ(s.volume_db, -25);
    EXPECT_EQ(s.common_volume_db, -30) << "Settings makes it the volume of a following input";
    EXPECT_EQ(s.remembered_db, base.remembered_db);
}
