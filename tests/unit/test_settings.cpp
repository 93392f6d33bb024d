// The model: every value validated with a message that names it and what is allowed;
// a rejected change changes nothing.

#include "SettingsExpect.hpp"
#include "core/Errors.hpp"
#include "core/Settings.hpp"

#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <string>

using namespace preamp::core;
using preamp::core::test::expect_refused;

namespace {

Config two_inputs() {
    Config cfg;
    cfg.inputs = {{"cd", "CD Player", 0.0, {}}, {"phono", "", 6.0, {}}};
    return cfg;
}

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

} // namespace

TEST(Settings, StartsFromTheDefaults) {
    Settings s(two_inputs());
    EXPECT_EQ(s.state().volume_db, -30.0);
    EXPECT_EQ(s.state().source, "cd");
    EXPECT_EQ(s.state().rec_source, "");
    EXPECT_EQ(s.rec_source_index(), 0u);
    EXPECT_EQ(s.config().inputs[1].label, "phono") << "an empty label falls back to the name";
}

TEST(Settings, RefusesOutOfRangeValuesNamingThemAndTheRange) {
    Settings s(two_inputs());
    expect_refused<InvalidValue>(s, [&] { s.set_volume(3); }, {"volume 3 dB", "-80 to 0 dB"});
    expect_refused<InvalidValue>(s, [&] { s.set_volume(-81); }, {"volume -81", "-80 to 0 dB"});
    expect_refused<InvalidValue>(s, [&] { s.set_volume(kNan); },
                                 {"volume nan", "not a finite number"});
    expect_refused<InvalidValue>(s, [&] { s.set_volume(-kInf); }, {"volume -inf"});
    expect_refused<InvalidValue>(s, [&] { s.set_bass(12.5); }, {"bass 12.5 dB", "-12 to 12 dB"});
    expect_refused<InvalidValue>(s, [&] { s.set_treble(-13); }, {"treble -13", "-12 to 12 dB"});
    expect_refused<InvalidValue>(s, [&] { s.set_balance(1.01); }, {"balance 1.01", "-1 to 1"});
    expect_refused<InvalidValue>(s, [&] { s.set_balance(kNan); }, {"balance nan"});
    expect_refused<InvalidValue>(s, [&] { s.step_volume(kInf); }, {"volume step inf"});
    expect_refused<UnknownSource>(s, [&] { s.set_source("tape"); }, {"\"tape\"", "cd, phono"});
    expect_refused<UnknownSource>(s, [&] { s.set_rec_source("CD"); }, {"\"CD\""});
    expect_refused<UnknownSource>(s, [&] { s.set_source(""); }, {"\"\""});
}

TEST(Settings, AppliesWholeStatesOrNothing) {
    Settings s(two_inputs());
    State ok = s.state();
    ok.volume_db = -12;
    ok.source = "phono";
    ok.rec_source = "cd";
    ok.bass_db = 3.14;
    EXPECT_TRUE(s.apply(ok));
    EXPECT_EQ(s.state().bass_db, 3.1) << "tone has 0.1 dB resolution";
    EXPECT_EQ(s.rec_source_index(), 0u);
    EXPECT_FALSE(s.apply(s.state())) << "no change reported as a change";

    State bad = s.state();
    bad.volume_db = -6; // fine
    bad.treble_db = 99; // not
    expect_refused<InvalidValue>(s, [&] { s.apply(bad); }, {"treble 99"});
    EXPECT_EQ(s.state().volume_db, -12) << "half-applied";
}

TEST(Settings, RelativeVolumeStopsAtTheLimits) {
    Settings s(two_inputs());
    EXPECT_EQ(s.step_volume(+100), 0.0);
    EXPECT_EQ(s.step_volume(-3), -3.0);
    EXPECT_EQ(s.step_volume(-1000), -80.0);
}

TEST(Settings, RoundsToneToATenthOfADecibel) {
    Settings s(two_inputs());
    s.set_treble(-0.04);
    EXPECT_EQ(s.state().treble_db, 0.0);
    EXPECT_FALSE(std::signbit(s.state().treble_db));
    s.set_bass(-11.96);
    EXPECT_EQ(s.state().bass_db, -12.0);
}

TEST(Config, RejectsBadValuesNamingTheSetting) {
    const auto refused = [](const std::function<void(Config&)>& edit, const char* part) {
        Config cfg = two_inputs();
        edit(cfg);
        try {
            cfg.validate();
            ADD_FAILURE() << "accepted: " << part;
        } catch (const InvalidSetting& e) {
            EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
            EXPECT_EQ(std::string(e.what()).rfind(e.setting(), 0), 0u)
                << "the message starts with the setting: " << e.what();
        }
        EXPECT_THROW(Settings{cfg}, InvalidSetting);
    };
    refused([](Config& c) { c.volume.default_db = 5; },
            "volume.default_db 5 dB is out of range: allowed -80 to 0 dB");
    refused([](Config& c) { c.volume.max_db = -90; }, "volume.max_db");
    refused([](Config& c) { c.volume.ramp_ms = 0; }, "volume.ramp_ms 0 ms");
    refused([](Config& c) { c.volume.startup_max_db = 1; }, "volume.startup_max_db");
    refused([](Config& c) { c.tone.bass.freq_hz = 5000; }, "tone.bass.freq_hz 5000 Hz");
    refused([](Config& c) { c.tone.treble.range_db = 0; }, "tone.treble.range_db");
    refused([](Config& c) { c.loudness.reference_phon = 95; },
            "loudness.reference_phon 95 phon is out of range: allowed 40 to 90 phon");
    refused([](Config& c) { c.loudness.bass_max_db = 40; }, "loudness.bass_max_db 40 dB");
    refused([](Config& c) { c.inputs[1].name = "cd"; }, "inputs.[1].name \"cd\" appears twice");
    refused([](Config& c) { c.inputs[1].name = "Phono"; },
            "inputs.[1].name \"Phono\" is not a valid name");
    refused([](Config& c) { c.inputs[1].name = "pre_out"; }, "reserved");
    refused([](Config& c) { c.inputs[1].name = "follow"; },
            "inputs.[1].name \"follow\" is reserved");
    refused([](Config& c) { c.inputs[0].trim_db = 30; }, "inputs.[0].trim_db 30 dB");
    refused([](Config& c) { c.inputs.clear(); }, "inputs has 0 entries: allowed 1 to 64");
    refused([](Config& c) { c.jack.channels.assign(9, "x"); }, "jack.channels has 9 entries");
    refused(
        [](Config& c) {
            c.jack.channels = {"L", "L"};
        },
        "jack.channels.[1] \"L\" appears twice");
}
