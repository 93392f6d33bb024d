// The state file: round trip, refusal of nonsense with file:line, atomic replacement.

#include "core/StateFile.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>

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
    EXPECT_EQ(fs::status(p).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                  fs::perms::others_read);
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
    refused("\n\njust words\n", "state:3: expected \"key = value\"");
    refused(std::string(70000, '#'), "too large");
    EXPECT_THROW((void)StateFile::read(dir_ / "absent", State{}), StateFileError);
}

// from_chars reads "nan" and "inf"; a state file holding one is corrupt, not a setting.
TEST_F(StateFileTest, RefusesNonFiniteNumbersNamingKeyAndValue) {
    for (const std::string key : {"volume_db", "balance", "bass_db", "treble_db"})
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
