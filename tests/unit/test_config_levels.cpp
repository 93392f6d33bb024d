// The inputs' level settings: volume ("follow" or "remember"), max_db and bypass, each
// read into its field and each mistake refused with "FILE:LINE: setting", the bad value
// and what is allowed.

#include "ConfigExpect.hpp"
#include "config/ConfigFile.hpp"
#include "core/Config.hpp"

#include <gtest/gtest.h>
#include <string>

using namespace preamp::config::test;
using preamp::config::ConfigFile;
using preamp::core::InputConfig;

TEST(ConfigLevels, TheDefaultsFollowWithoutCeilingOrBypass) {
    const auto c = ConfigFile::parse(kOneInput, "t.conf");
    EXPECT_EQ(c.inputs[0].volume, InputConfig::Volume::follow);
    EXPECT_FALSE(c.inputs[0].max_db.has_value());
    EXPECT_FALSE(c.inputs[0].bypass);
}

TEST(ConfigLevels, EverySettingLandsInItsField) {
    const auto c = ConfigFile::parse("inputs = ( { name = \"phono\"; volume = \"remember\"; "
                                     "max_db = -12.5; },\n"
                                     "  { name = \"tv\"; bypass = true; },\n"
                                     "  { name = \"cd\"; volume = \"follow\"; max_db = -80; } );\n",
                                     "t.conf");
    EXPECT_EQ(c.inputs[0].volume, InputConfig::Volume::remember);
    EXPECT_EQ(c.inputs[0].max_db, -12.5);
    EXPECT_FALSE(c.inputs[0].bypass);
    EXPECT_TRUE(c.inputs[1].bypass);
    EXPECT_EQ(c.inputs[1].volume, InputConfig::Volume::follow);
    EXPECT_EQ(c.inputs[2].max_db, -80);
    const std::string d = ConfigFile::describe(c);
    for (const char* part : {"phono \"phono\", trim 0 dB, remembers its volume, volume at most "
                             "-12.5 dB, not connected",
                             "tv \"tv\", trim 0 dB, bypass (unity gain, volume fixed at 0 dB)"})
        EXPECT_NE(d.find(part), std::string::npos) << part << "\nnot in:\n" << d;
}

TEST(ConfigLevels, RefusesBadValuesNamingThemAndWhatIsAllowed) {
    expect_error(cd_with("volume = \"keep\";"),
                 "t.conf:2: inputs.[0].volume: \"keep\" is not allowed: use \"follow\" (the "
                 "volume the inputs share) or \"remember\" (a volume of its own)");
    expect_error(cd_with("volume = 1;"),
                 "t.conf:2: inputs.[0].volume: expected a string, got a number");
    expect_error(cd_with("max_db = 3;"),
                 "t.conf:2: inputs.[0].max_db 3 dB is out of range: allowed -80 to 0 dB");
    expect_error("volume = { min_db = -60; max_db = 6; };\n" + cd_with("max_db = -70;"),
                 "t.conf:3: inputs.[0].max_db -70 dB is out of range: allowed -60 to 6 dB");
    expect_error(cd_with("max_db = \"loud\";"),
                 "t.conf:2: inputs.[0].max_db: expected a number, got a string");
    expect_error(cd_with("bypass = 1;"),
                 "t.conf:2: inputs.[0].bypass: expected a boolean (true or false), got a "
                 "number");
    expect_error(cd_with("bypass = true;\n  max_db = -10;"),
                 "t.conf:3: inputs.[0].max_db is not allowed with bypass = true: a bypass "
                 "input's volume is fixed at 0 dB");
    expect_error(cd_with("bypass = true; volume = \"remember\";"),
                 "t.conf:2: inputs.[0].volume \"remember\" is not allowed with bypass = true: a "
                 "bypass input's volume is fixed at 0 dB");
}
