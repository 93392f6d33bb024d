// Source-aware levels in the model: the common volume and the remembered ones, each
// input's ceiling, and the bypass input's fixed unity gain; every refusal changes nothing.

#include "SettingsExpect.hpp"
#include "core/EngineParams.hpp"
#include "core/Errors.hpp"
#include "core/Settings.hpp"
#include "core/SourceVolumes.hpp"
#include "core/StateFile.hpp"

#include <gtest/gtest.h>

using namespace preamp::core;
using preamp::core::test::expect_refused;

namespace {

constexpr double kRate = 48000.0;

InputConfig input(const char* name, InputConfig::Volume volume = InputConfig::Volume::follow,
                  std::optional<double> max_db = {}, bool bypass = false, double trim_db = 0.0) {
    InputConfig in{name, "", trim_db, {}};
    in.volume = volume;
    in.max_db = max_db;
    in.bypass = bypass;
    return in;
}

// cd and aux follow; tuner remembers; phono remembers under a -20 dB ceiling (trim +6);
// tv (a follower with a ceiling of -40 dB); ht is the home-theatre bypass.
Config levels() {
    using V = InputConfig::Volume;
    Config cfg;
    cfg.inputs = {input("cd"),
                  input("aux"),
                  input("tuner", V::remember),
                  input("phono", V::remember, -20.0, false, 6.0),
                  input("tv", V::follow, -40.0),
                  input("ht", V::follow, {}, true, 3.0)};
    return cfg;
}

} // namespace

TEST(SettingsLevels, TheFollowingInputsShareOneVolume) {
    Settings s(levels());
    ASSERT_TRUE(s.set_volume(-25));
    ASSERT_TRUE(s.set_source("aux"));
    EXPECT_EQ(s.state().volume_db, -25);
    ASSERT_TRUE(s.set_volume(-22));
    ASSERT_TRUE(s.set_source("cd"));
    EXPECT_EQ(s.state().volume_db, -22);
    EXPECT_EQ(s.state().common_volume_db, -22);
}

TEST(SettingsLevels, ARememberingInputGetsItsOwnVolumeBack) {
    Settings s(levels());
    s.set_volume(-25);
    ASSERT_TRUE(s.set_source("tuner"));
    EXPECT_EQ(s.state().volume_db, -30) << "never used: volume.default_db";
    s.set_volume(-12);
    ASSERT_TRUE(s.set_source("cd"));
    EXPECT_EQ(s.state().volume_db, -25) << "the common volume comes back";
    s.step_volume(-3);
    ASSERT_TRUE(s.set_source("tuner"));
    EXPECT_EQ(s.state().volume_db, -12) << "the volume last used with it";
    s.set_source("aux");
    EXPECT_EQ(s.state().volume_db, -28) << "the common volume, stepped on cd";
    EXPECT_EQ(s.state().remembered_db.at("tuner"), -12);
    EXPECT_EQ(s.state().remembered_db.count("cd"), 0u) << "only remembering inputs";
}

TEST(SettingsLevels, TheCeilingIsNeverExceeded) {
    Settings s(levels());
    s.set_volume(-5);
    ASSERT_TRUE(s.set_source("phono"));
    EXPECT_EQ(s.volume_ceiling(), -20);
    EXPECT_EQ(s.state().volume_db, -30) << "never used: volume.default_db, under the ceiling";
    expect_refused<InvalidValue>(s, [&] { s.set_volume(-10); },
                                 {"volume -10 dB", "\"phono\"", "max_db -20 dB", "-80 to -20 dB"});
    expect_refused<InvalidValue>(s, [&] { s.set_volume(1); }, {"volume 1 dB", "-80 to 0 dB"});
    EXPECT_EQ(s.step_volume(30), -20) << "a step stops at the ceiling";
    EXPECT_EQ(s.step_volume(-2), -22);
    EXPECT_EQ(s.step_volume(5), -20);
    s.set_source("cd");
    EXPECT_EQ(s.state().volume_db, -5) << "the common volume stays above phono's ceiling";
    ASSERT_TRUE(s.set_source("tv"));
    EXPECT_EQ(s.state().volume_db, -40) << "selecting tv lowers the volume to its ceiling";
    s.set_source("cd");
    EXPECT_EQ(s.state().volume_db, -40) << "tv follows: the common volume came down with it";
    EXPECT_EQ(s.volume_ceiling(), 0);
}

TEST(SettingsLevels, ARememberedVolumeStartsAtTheDefaultUnderItsCeiling) {
    Config cfg = levels();
    cfg.volume.default_db = -10;
    Settings s(cfg);
    EXPECT_EQ(s.state().remembered_db.at("phono"), -20);
    EXPECT_EQ(s.state().remembered_db.at("tuner"), -10);
}

TEST(SettingsLevels, ABypassInputLocksTheVolumeButNotMute) {
    Settings s(levels());
    s.set_volume(-25);
    ASSERT_TRUE(s.set_source("ht"));
    EXPECT_TRUE(s.bypass());
    EXPECT_EQ(s.state().volume_db, -25) << "Volume keeps the common volume for later";
    expect_refused<InvalidValue>(
        s, [&] { s.set_volume(-30); },
        {"fixed at 0 dB", "\"ht\"", "bypass input", "select another input"});
    expect_refused<InvalidValue>(s, [&] { s.step_volume(1); }, {"fixed at 0 dB", "bypass"});
    EXPECT_TRUE(s.set_mute(true)) << "a user can always mute";
    s.set_source("cd");
    EXPECT_FALSE(s.bypass());
    EXPECT_EQ(s.state().volume_db, -25);
}

TEST(SettingsLevels, ABypassInputPlaysAtUnityWithNothingElse) {
    Settings s(levels());
    s.set_volume(-40);
    s.set_bass(6);
    s.set_loudness(true);
    s.set_balance(0.5);
    s.set_dim(true);
    s.set_source("ht");
    const auto p = make_engine_params(s, kRate);
    EXPECT_EQ(p.source, 5u);
    EXPECT_EQ(p.gain[0], 1.0f) << "unity, trim ignored";
    EXPECT_EQ(p.gain[1], 1.0f) << "no balance";
    EXPECT_EQ(p.tone, preamp::dsp::ToneParams{}) << "no tone, no loudness";
    s.set_mute(true);
    EXPECT_EQ(make_engine_params(s, kRate).gain[0], 0.0f) << "mute still works";
    s.set_mute(false);
    s.set_source("cd");
    const auto back = make_engine_params(s, kRate);
    EXPECT_LT(back.gain[0], 0.01f) << "the volume, dim and balance are back";
    EXPECT_NE(back.tone, preamp::dsp::ToneParams{});
}

TEST(SettingsLevels, AppliedStatesKeepTheRules) {
    Settings s(levels());
    State st = s.state();
    st.source = "phono";
    st.volume_db = -10;
    expect_refused<InvalidValue>(s, [&] { s.apply(st); }, {"phono", "-80 to -20 dB"});
    st = s.state();
    st.remembered_db["phono"] = -3;
    expect_refused<InvalidValue>(s, [&] { s.apply(st); },
                                 {"remembered volume of input \"phono\"", "-3 dB", "-80 to -20"});
    st = s.state();
    st.remembered_db["cd"] = -3;     // cd does not remember: dropped
    st.remembered_db.erase("tuner"); // a remembering input without one: the start volume
    ASSERT_NO_THROW(s.apply(st));
    EXPECT_EQ(s.state().remembered_db.count("cd"), 0u);
    EXPECT_EQ(s.state().remembered_db.at("tuner"), -30);
}

TEST(SettingsLevels, ASavedStateIsFittedToTheCeilings) {
    Settings s(levels());
    State st = s.state();
    st.source = "phono";
    st.volume_db = -3;
    st.common_volume_db = 7;
    st.remembered_db = {{"phono", -3}, {"tuner", -200}, {"gone", 0}};
    const State f = s.fitted(st);
    EXPECT_EQ(f.volume_db, -20);
    EXPECT_EQ(f.common_volume_db, 0);
    EXPECT_EQ(f.remembered_db, (std::map<std::string, double>{{"phono", -20}, {"tuner", -80}}));
    ASSERT_NO_THROW(s.apply(f));
    st.source = "ht";
    EXPECT_EQ(s.fitted(st).volume_db, 0) << "on the bypass input: the common volume";
}

TEST(SettingsLevels, TheStartCapLowersEveryVolume) {
    Settings s(levels());
    State st = s.state();
    st.volume_db = -5;
    st.common_volume_db = -5;
    st.remembered_db = {{"phono", -20}, {"tuner", -2}};
    const State c = SourceVolumes::capped(st, -25);
    EXPECT_EQ(c.volume_db, -25);
    EXPECT_EQ(c.common_volume_db, -25);
    EXPECT_EQ(c.remembered_db, (std::map<std::string, double>{{"phono", -25}, {"tuner", -25}}));
    EXPECT_EQ(SourceVolumes::capped(st, -2).remembered_db.at("phono"), -20) << "only lowered";
}

TEST(SettingsLevels, SelectingAnInputChangesSourceAndVolumeInOneStep) {
    Settings s(levels());
    s.set_source("tuner");
    s.set_volume(-12);
    s.set_source("cd");
    State expected = s.state();
    expected.source = "tuner";
    expected.volume_db = -12;
    ASSERT_TRUE(s.set_source("tuner"));
    EXPECT_EQ(s.state(), expected);
    expect_refused<UnknownSource>(s, [&] { s.set_source("tape"); }, {"\"tape\""});
}

TEST(SettingsLevels, AnOlderStateFileLoadsWithTheVolumeItSaved) {
    Settings s(levels());
    const std::string old = "volume_db = -25\nsource = tuner\n"; // before remembered volumes
    ASSERT_NO_THROW(s.apply(s.fitted(StateFile::parse(old, s.defaults(), "state"))));
    EXPECT_EQ(s.state().volume_db, -25);
    EXPECT_EQ(s.state().remembered_db.at("tuner"), -25) << "the saved volume is the tuner's";
    EXPECT_EQ(s.state().common_volume_db, -30) << "the others start at the default";
    s.set_source("cd");
    EXPECT_EQ(s.state().volume_db, -30);
}
