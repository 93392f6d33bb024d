// The model of the monitor controller (mono, swap, polarity, speaker sets) and of bass
// management: defaults from the config, every setter validated with a message naming the
// value and what is allowed, a refused change changing nothing, and fitted() making any
// saved state fit the config.

#include "SettingsExpect.hpp"
#include "core/Errors.hpp"
#include "core/Settings.hpp"

#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <string>
#include <vector>

using namespace preamp::core;

namespace {

using Names = std::vector<std::string>;
using Bools = std::vector<bool>;

Config plain() {
    return test::one_input();
}

// Bass management at its defaults and two further speaker sets, "c" on at start.
Config full() {
    return test::with_outputs(
        {{"b", "Nearfields", -2.0, 1.0, {}, false}, {"c", "", 0.0, 0.0, {}, true}});
}

void expect_refused(Settings& s, const std::function<void()>& f,
                    std::initializer_list<const char*> parts) {
    test::expect_refused<InvalidValue>(s, f, parts);
}

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

} // namespace

TEST(SettingsOutputs, DefaultsWithoutBassManagementOrSpeakerSets) {
    const Settings s(plain());
    const State& st = s.state();
    EXPECT_FALSE(st.mono);
    EXPECT_FALSE(st.swap);
    EXPECT_EQ(st.polarity, (Bools{false, false})) << "one per channel";
    EXPECT_EQ(st.speakers, (Names{"a"}));
    EXPECT_FALSE(st.sub.has_value()) << "no sub values without bass management";
    EXPECT_FALSE(s.bass_management());
    ASSERT_EQ(s.speaker_sets().sets().size(), 1u);
    EXPECT_EQ(s.speaker_sets().sets()[0].name, "a");
    EXPECT_EQ(s.speaker_sets().sets()[0].label, "Main");
}

TEST(SettingsOutputs, DefaultsFollowTheConfig) {
    Config cfg = full();
    cfg.outputs.pre_out_label = "";
    auto& b = *cfg.bass_management;
    b.enabled = false;
    b.sub_level_db = -4.0;
    b.crossover_hz = 100.0;
    b.sub_delay_ms = 3.0;
    b.sub_polarity_inverted = true;
    const Settings s(cfg);
    const State& st = s.state();
    EXPECT_EQ(st.speakers, (Names{"a", "c"})) << "a and the sets configured on";
    ASSERT_TRUE(st.sub.has_value());
    EXPECT_EQ(*st.sub, (SubState{false, -4.0, 100.0, 3.0, true}));
    EXPECT_EQ(Settings(full()).state().sub, SubState{}) << "on at start by default";
    EXPECT_EQ(s.defaults(), st);

    const auto& sets = s.speaker_sets().sets();
    ASSERT_EQ(sets.size(), 3u);
    EXPECT_EQ(sets[0].label, "Main") << "an empty pre_out label is the default";
    EXPECT_EQ(sets[1].label, "Nearfields");
    EXPECT_EQ(sets[2].label, "c") << "an empty label falls back to the name";
    EXPECT_EQ(s.config().speakers[1].label, "c");
    EXPECT_EQ(s.speaker_sets().find("c"), 2u);
    EXPECT_EQ(s.speaker_sets().find("d"), std::nullopt);
}

TEST(SettingsOutputs, MonitorSwitchesSetAndReportChanges) {
    Settings s(full());
    EXPECT_TRUE(s.set_mono(true));
    EXPECT_FALSE(s.set_mono(true)) << "no change reported as a change";
    EXPECT_TRUE(s.set_swap(true));
    EXPECT_TRUE(s.set_polarity({false, true}));
    EXPECT_FALSE(s.set_polarity({false, true}));
    EXPECT_TRUE(s.state().mono);
    EXPECT_TRUE(s.state().swap);
    EXPECT_EQ(s.state().polarity, (Bools{false, true}));
}

TEST(SettingsOutputs, SpeakerSetsAreKeptInConfigOrderOnceEach) {
    Settings s(full());
    EXPECT_TRUE(s.set_speakers({"c", "b", "c"}));
    EXPECT_EQ(s.state().speakers, (Names{"b", "c"}));
    EXPECT_FALSE(s.set_speakers({"b", "c"}));
    EXPECT_TRUE(s.set_speakers({"b"}));
    EXPECT_EQ(s.state().speakers, (Names{"b"})) << "pre_out may be off";
    EXPECT_TRUE(s.set_speakers({"b", "a"}));
    EXPECT_EQ(s.state().speakers, (Names{"a", "b"}));
}

TEST(SettingsOutputs, RefusesBadMonitorValuesNamingThemAndWhatIsAllowed) {
    Settings s(full());
    expect_refused(s,
                   [&] {
                       s.set_speakers({"a", "d"});
                   },
                   {"unknown speaker set \"d\": the sets are a, b, c"});
    expect_refused(s, [&] { s.set_speakers({}); },
                   {"at least one must be on", "the sets are a, b, c"});
    expect_refused(s, [&] { s.set_polarity({true}); },
                   {"polarity has 1 values: give one per channel, 2 (L, R)"});
    expect_refused(s, [&] { s.set_polarity({true, false, true}); }, {"polarity has 3 values"});

    Config mono = plain();
    mono.jack.channels = {"M"};
    Settings m(mono);
    expect_refused(m, [&] { m.set_swap(true); },
                   {"swap needs two channels: jack.channels has only M"});
    EXPECT_FALSE(m.set_swap(false));
    EXPECT_TRUE(m.set_polarity({true}));
    EXPECT_TRUE(m.set_mono(true)) << "mono of one channel is allowed (and changes nothing)";
}

TEST(SettingsOutputs, SubValuesAreSetWithinTheirRanges) {
    Settings s(full());
    EXPECT_TRUE(s.set_sub_enabled(false));
    EXPECT_TRUE(s.set_sub_level(-20));
    EXPECT_TRUE(s.set_sub_level(10));
    EXPECT_TRUE(s.set_crossover(40));
    EXPECT_TRUE(s.set_crossover(250));
    EXPECT_TRUE(s.set_sub_delay(20));
    EXPECT_TRUE(s.set_sub_delay(0.5));
    EXPECT_TRUE(s.set_sub_polarity(true));
    EXPECT_FALSE(s.set_sub_polarity(true));
    EXPECT_EQ(s.state().sub, (SubState{false, 10.0, 250.0, 0.5, true}));

    expect_refused(s, [&] { s.set_crossover(300); },
                   {"crossover 300 Hz is out of range: allowed 40 to 250 Hz"});
    expect_refused(s, [&] { s.set_crossover(kNan); }, {"crossover nan is not a finite number"});
    expect_refused(s, [&] { s.set_sub_level(10.5); },
                   {"sub level 10.5 dB is out of range: allowed -20 to 10 dB"});
    expect_refused(s, [&] { s.set_sub_delay(-0.1); },
                   {"sub delay -0.1 ms is out of range: allowed 0 to 20 ms"});
    expect_refused(s, [&] { s.set_sub_delay(20.01); }, {"sub delay 20.01 ms"});
}

TEST(SettingsOutputs, SubValuesNeedBassManagement) {
    Settings s(plain());
    const char* why = "there is no bass management (no bass_management group in the "
                      "configuration)";
    expect_refused(s, [&] { s.set_sub_enabled(true); }, {"sub on or off", why});
    expect_refused(s, [&] { s.set_sub_enabled(false); }, {why}); // even to what it is
    expect_refused(s, [&] { s.set_sub_level(0); }, {"cannot set the sub level", why});
    expect_refused(s, [&] { s.set_crossover(80); }, {"crossover", why});
    expect_refused(s, [&] { s.set_sub_delay(1); }, {"sub delay", why});
    expect_refused(s, [&] { s.set_sub_polarity(true); }, {"sub polarity", why});

    State saved = s.state();
    saved.sub = SubState{true, 5, 500, 0, false}; // out of range, but meaningless here
    EXPECT_FALSE(s.apply(saved)) << "a saved state's sub values are ignored without it";
    EXPECT_EQ(s.state(), s.defaults());
}

// Bass management added to a config after a state was saved without it: the sub starts
// as configured, not as the state without a sub said.
TEST(SettingsOutputs, AStateWithoutSubValuesGetsTheConfiguredOnes) {
    Config cfg = full();
    cfg.bass_management->crossover_hz = 100;
    Settings s(cfg);
    s.set_sub_enabled(false);
    State saved = Settings(plain()).state();
    ASSERT_FALSE(saved.sub.has_value());
    saved.volume_db = -25;
    EXPECT_TRUE(s.apply(s.fitted(saved)));
    EXPECT_EQ(s.state().volume_db, -25);
    EXPECT_EQ(s.state().sub, (SubState{true, 0, 100, 0, false}));
    s.set_sub_enabled(false);
    EXPECT_TRUE(s.apply(saved)) << "apply() alone does the same";
    EXPECT_EQ(s.state().sub, (SubState{true, 0, 100, 0, false}));
}

TEST(SettingsOutputs, ApplyRefusesWholeStatesWithABadNewValue) {
    Settings s(full());
    State bad = s.state();
    bad.volume_db = -10;
    bad.sub->crossover_hz = 20;
    expect_refused(s, [&] { s.apply(bad); }, {"crossover 20 Hz"});
    bad = s.state();
    bad.speakers = {};
    expect_refused(s, [&] { s.apply(bad); }, {"speaker set"});
    bad = s.state();
    bad.polarity = {};
    expect_refused(s, [&] { s.apply(bad); }, {"polarity has 0 values"});
}

TEST(SettingsOutputs, FittedMakesAnySavedStateFitTheConfig) {
    const Settings s(full());
    State saved = s.state();
    saved.source = "tape";
    saved.volume_db = 12;
    saved.polarity = {true, true, true};
    saved.speakers = {"z", "c", "b"};
    saved.swap = true;
    saved.sub = SubState{true, -40, 500, 25, false};
    const State f = s.fitted(saved);
    EXPECT_EQ(f.source, "cd");
    EXPECT_EQ(f.volume_db, 0.0);
    EXPECT_EQ(f.polarity, (Bools{false, false})) << "another channel count's polarity goes";
    EXPECT_EQ(f.speakers, (Names{"b", "c"})) << "unknown sets are dropped";
    EXPECT_TRUE(f.swap);
    EXPECT_EQ(f.sub, (SubState{true, -20, 250, 20, false}));
    Settings t(full());
    EXPECT_NO_THROW(t.apply(f));

    saved.speakers = {"z"};
    EXPECT_EQ(s.fitted(saved).speakers, (Names{"a", "c"})) << "none left: the defaults";
    saved.speakers = {};
    EXPECT_EQ(s.fitted(saved).speakers, (Names{"a", "c"}));

    Config mono = plain();
    mono.jack.channels = {"M"};
    const Settings m(mono);
    saved.polarity = {false, true};
    const State fm = m.fitted(saved);
    EXPECT_FALSE(fm.swap) << "no swap with one channel";
    EXPECT_EQ(fm.polarity, (Bools{false}));
    EXPECT_EQ(fm.speakers, (Names{"a"}));
    EXPECT_FALSE(fm.sub.has_value()) << "no bass management: the sub values are dropped";
    Settings n(mono);
    EXPECT_NO_THROW(n.apply(fm));
}
