// MidiSurface: what each mapping does to the model (soft take-over, encoders, switches,
// sources, the dB curve, ceilings and bypass as D-Bus has them, refusals logged) and the
// feedback the controller gets for every change, from anywhere.

#include "surfaces/MidiParser.hpp"
#include "surfaces/MidiScale.hpp"
#include "surfaces/MidiSurface.hpp"

#include <gtest/gtest.h>
#include <random>

namespace preamp::surfaces {
namespace {

using Kind = MidiMessage::Kind;
using M = core::MidiMapping;

core::Config two_inputs() {
    core::Config c;
    c.inputs = {{"cd", "CD", 0.0, {}}, {"phono", "Phono", 0.0, {}}};
    c.volume.default_db = -40.0;
    return c;
}

MidiMessage cc(std::uint8_t number, std::uint8_t value, std::uint8_t channel = 1) {
    return {Kind::cc, channel, number, value};
}

// A surface on a model of its own, changed as the daemon changes it.
struct Rig {
    explicit Rig(core::Config cfg = two_inputs())
        : settings(cfg),
          surface(cfg.midi, {[this]() -> const core::Settings& { return settings; },
                             [this](const auto& f) {
                                 f(settings);
                                 ++changes;
                             },
                             [this](const std::string& w) { warnings.push_back(w); }}) {}
    Rig(core::Config cfg, std::vector<M> map)
        : Rig([&] {
              cfg.midi.map = std::move(map);
              return cfg;
          }()) {}

    void send(std::vector<MidiMessage> m) { surface.handle(m); }
    [[nodiscard]] double volume() const { return settings.state().volume_db; }

    core::Settings settings;
    MidiSurface surface;
    int changes = 0;
    std::vector<std::string> warnings;
};

M mapping(M::Trigger t, unsigned n, M::Control c, M::Mode mode) {
    return M::of(t, n, c, mode);
}

TEST(MidiScale, TheVolumeCurveIsLinearInDecibelsFromSilenceToTheTop) {
    const core::Range r{-80.0, 0.0, "dB"};
    EXPECT_EQ(midi_scale::volume_db(0, r), -80.0);
    EXPECT_EQ(midi_scale::volume_db(127, r), 0.0);
    EXPECT_NEAR(midi_scale::volume_db(64, r), -39.7, 1e-9);
    for (unsigned v = 0; v < 128; ++v)
        EXPECT_EQ(midi_scale::volume_value(midi_scale::volume_db(v, r), r), v) << v;
    const core::Range bass{-12.0, 12.0, "dB"};
    EXPECT_EQ(midi_scale::centred(64, bass, 0.1), 0.0);
    EXPECT_EQ(midi_scale::centred(0, bass, 0.1), -12.0);
    EXPECT_EQ(midi_scale::centred(127, bass, 0.1), 12.0);
    EXPECT_EQ(midi_scale::centred_value(0.0, bass), 64u);
    EXPECT_EQ(midi_scale::centred_value(-12.0, bass), 0u);
    EXPECT_EQ(midi_scale::centred_value(12.0, bass), 127u);
}

TEST(MidiSurface, TheDefaultsAreCc7VolumeAndCc8BalanceOnEveryChannel) {
    Rig rig;
    const unsigned at = midi_scale::volume_value(-40.0, rig.settings.volume_range());
    rig.send({cc(7, static_cast<std::uint8_t>(at), 9)});
    rig.send({cc(7, 127, 9)});
    EXPECT_EQ(rig.volume(), 0.0);
    rig.send({cc(8, 64, 16), cc(8, 0, 16)});
    EXPECT_EQ(rig.settings.state().balance, -1.0);
}

TEST(MidiSurface, SoftTakeOverIgnoresAFarFaderUntilItCrossesTheVolume) {
    Rig rig; // volume -40 dB: CC value 63.5
    rig.send({cc(7, 120), cc(7, 110), cc(7, 100)});
    EXPECT_EQ(rig.volume(), -40.0) << "a fader far above does nothing";
    EXPECT_EQ(rig.changes, 0);
    rig.send({cc(7, 70), cc(7, 60)}); // crosses 63.5 on the way down
    EXPECT_EQ(rig.volume(), midi_scale::volume_db(60, rig.settings.volume_range()));
    rig.send({cc(7, 100)});
    EXPECT_EQ(rig.volume(), midi_scale::volume_db(100, rig.settings.volume_range()))
        << "once taken over, it follows";
    // A change from elsewhere lets go of the fader again.
    rig.settings.set_volume(-70.0);
    rig.send({cc(7, 101)});
    EXPECT_EQ(rig.volume(), -70.0);
    rig.send({cc(7, 11)}); // -73.1 dB: within one step of -70? no: crossed from 101 to 11
    EXPECT_EQ(rig.volume(), midi_scale::volume_db(11, rig.settings.volume_range()));
}

TEST(MidiSurface, AFaderCloseToTheVolumeTakesOverAtOnceAndTakeoverFalseJumps) {
    Rig near;
    near.send({cc(7, 64)}); // -39.7 dB, within one step of -40
    EXPECT_NEAR(near.volume(), -39.7, 1e-9);
    M jump = mapping(M::Trigger::cc, 7, M::Control::volume, M::Mode::absolute);
    jump.takeover = false;
    Rig rig(two_inputs(), {jump});
    rig.send({cc(7, 127)});
    EXPECT_EQ(rig.volume(), 0.0);
}

TEST(MidiSurface, AFloodOfOneFaderIsOneChangeWithItsLastValue) {
    M jump = mapping(M::Trigger::cc, 7, M::Control::volume, M::Mode::absolute);
    jump.takeover = false;
    Rig rig(two_inputs(), {jump});
    std::vector<MidiMessage> flood;
    for (int i = 0; i < 10000; ++i)
        flood.push_back(cc(7, static_cast<std::uint8_t>(i % 128)));
    flood.push_back(cc(7, 100));
    rig.send(flood);
    EXPECT_EQ(rig.changes, 1);
    EXPECT_EQ(rig.volume(), midi_scale::volume_db(100, rig.settings.volume_range()));
}

TEST(MidiSurface, InterleavedFadersOfDifferentControlsAreOneChangeEach) {
    M volume = mapping(M::Trigger::cc, 7, M::Control::volume, M::Mode::absolute);
    volume.takeover = false;
    M bass = mapping(M::Trigger::cc, 8, M::Control::bass, M::Mode::absolute);
    bass.takeover = false;
    Rig rig(two_inputs(), {volume, bass});
    std::vector<MidiMessage> knobs;
    for (int i = 0; i < 1000; ++i) {
        knobs.push_back(cc(7, static_cast<std::uint8_t>(i % 128)));
        knobs.push_back(cc(8, static_cast<std::uint8_t>(127 - i % 128)));
    }
    knobs.push_back(cc(8, 0));
    rig.send(knobs);
    EXPECT_EQ(rig.changes, 2) << "one for each control";
    EXPECT_EQ(rig.volume(), midi_scale::volume_db(999 % 128, rig.settings.volume_range()));
    EXPECT_EQ(rig.settings.state().bass_db, -12.0);
}

TEST(MidiSurface, TwoControlsOfTheVolumeKeepTheirOrder) {
    M fader = mapping(M::Trigger::cc, 7, M::Control::volume, M::Mode::absolute);
    fader.takeover = false;
    Rig rig(two_inputs(),
            {fader, mapping(M::Trigger::cc, 16, M::Control::volume, M::Mode::relative)});
    rig.send({cc(7, 127), cc(16, 127)}); // to the top, then one step down
    EXPECT_EQ(rig.volume(), -1.0);
    rig.send({cc(16, 1), cc(7, 0)});
    EXPECT_EQ(rig.volume(), -80.0);
}

TEST(MidiSurface, RelativeEncodersStepInBothCodesAndStopAtTheLimits) {
    M twos = mapping(M::Trigger::cc, 16, M::Control::volume, M::Mode::relative);
    M offset = mapping(M::Trigger::cc, 17, M::Control::volume, M::Mode::relative);
    offset.encoder = M::Encoder::offset64;
    offset.step_db = 0.5;
    Rig rig(two_inputs(), {twos, offset});
    rig.send({cc(16, 1), cc(16, 3)}); // +1, +3 ticks of volume.step_db (1 dB)
    EXPECT_EQ(rig.volume(), -36.0);
    rig.send({cc(16, 127), cc(16, 126)}); // -1, -2
    EXPECT_EQ(rig.volume(), -39.0);
    rig.send({cc(17, 66), cc(17, 63)}); // +2 × 0.5, -1 × 0.5
    EXPECT_EQ(rig.volume(), -38.5);
    rig.send({cc(17, 64), cc(16, 0)}); // no motion
    EXPECT_EQ(rig.volume(), -38.5);
    rig.send({cc(16, 63), cc(16, 63)});
    EXPECT_EQ(rig.volume(), 0.0) << "stops at the top, as StepVolume does";
}

TEST(MidiSurface, SwitchesToggleOrHoldAndNotesSelectSources) {
    Rig rig(two_inputs(),
            {mapping(M::Trigger::note, 1, M::Control::mute, M::Mode::toggle),
             mapping(M::Trigger::cc, 20, M::Control::dim, M::Mode::momentary),
             mapping(M::Trigger::cc, 21, M::Control::loudness, M::Mode::toggle),
             [] {
                 M m = mapping(M::Trigger::note, 2, M::Control::source, M::Mode::select);
                 m.source = "phono";
                 return m;
             }(),
             [] {
                 M m = mapping(M::Trigger::program, 0, M::Control::source, M::Mode::select);
                 m.source = "cd";
                 return m;
             }()});
    rig.send({{Kind::note_on, 1, 1, 100}, {Kind::note_off, 1, 1, 0}});
    EXPECT_TRUE(rig.settings.state().mute);
    rig.send({{Kind::note_on, 1, 1, 100}});
    EXPECT_FALSE(rig.settings.state().mute);
    rig.send({cc(20, 127)});
    EXPECT_TRUE(rig.settings.state().dim) << "held";
    rig.send({cc(20, 0)});
    EXPECT_FALSE(rig.settings.state().dim) << "released";
    rig.send({cc(21, 127), cc(21, 0)});
    EXPECT_TRUE(rig.settings.state().loudness) << "a CC button toggles on its press only";
    rig.send({{Kind::note_on, 1, 2, 90}});
    EXPECT_EQ(rig.settings.state().source, "phono");
    rig.send({{Kind::program, 1, 0, 0}});
    EXPECT_EQ(rig.settings.state().source, "cd");
}

TEST(MidiSurface, TheChannelFilterKeepsOtherChannelsOut) {
    core::Config cfg = two_inputs();
    cfg.midi.channel = 2;
    M jump = mapping(M::Trigger::cc, 7, M::Control::volume, M::Mode::absolute);
    jump.takeover = false;
    M other = mapping(M::Trigger::cc, 8, M::Control::bass, M::Mode::absolute);
    other.takeover = false;
    other.channel = 5;
    Rig rig(cfg, {jump, other});
    rig.send({cc(7, 127, 1), cc(8, 127, 2)});
    EXPECT_EQ(rig.volume(), -40.0);
    EXPECT_EQ(rig.settings.state().bass_db, 0.0);
    rig.send({cc(7, 127, 2), cc(8, 127, 5)});
    EXPECT_EQ(rig.volume(), 0.0);
    EXPECT_EQ(rig.settings.state().bass_db, 12.0);
}

TEST(MidiSurface, TheCeilingOfTheSelectedInputHoldsAndABypassIsRefusedAndLoggedOnce) {
    core::Config cfg = two_inputs();
    cfg.inputs[0].max_db = -20.0;
    cfg.inputs[1].bypass = true;
    M jump = mapping(M::Trigger::cc, 7, M::Control::volume, M::Mode::absolute);
    jump.takeover = false;
    M enc = mapping(M::Trigger::cc, 16, M::Control::volume, M::Mode::relative);
    Rig rig(cfg, {jump, enc});
    rig.send({cc(7, 127)});
    EXPECT_EQ(rig.volume(), -20.0) << "the fader stops at cd's max_db";
    rig.send({cc(16, 10)});
    EXPECT_EQ(rig.volume(), -20.0);
    rig.settings.set_source("phono");
    const core::State before = rig.settings.state();
    EXPECT_NO_THROW(rig.send({cc(7, 10), cc(7, 11)}));
    EXPECT_NO_THROW(rig.send({cc(7, 12)}));
    EXPECT_NO_THROW(rig.send({cc(7, 13)}));
    ASSERT_EQ(rig.warnings.size(), 1u) << "one refusal logged, not one per step";
    EXPECT_NE(rig.warnings[0].find("MIDI: "), std::string::npos) << rig.warnings[0];
    EXPECT_EQ(rig.settings.state(), before) << "a refusal changes nothing";
}

TEST(MidiSurface, FeedbackFollowsEveryChangeAndDoesNotEchoTheFader) {
    Rig rig(two_inputs(), {mapping(M::Trigger::cc, 7, M::Control::volume, M::Mode::absolute),
                           mapping(M::Trigger::note, 1, M::Control::mute, M::Mode::toggle), [] {
                               M m = mapping(M::Trigger::program, 3, M::Control::source,
                                             M::Mode::select);
                               m.source = "phono";
                               return m;
                           }()});
    const auto first = rig.surface.feedback();
    const unsigned at = midi_scale::volume_value(-40.0, rig.settings.volume_range());
    ASSERT_EQ(first.size(), 2u)
        << "everything at the start, but no program for an unselected source";
    EXPECT_EQ(first[0], cc(7, static_cast<std::uint8_t>(at)));
    EXPECT_EQ(first[1], (MidiMessage{Kind::note_on, 1, 1, 0}));
    EXPECT_TRUE(rig.surface.feedback().empty()) << "nothing changed";
    rig.settings.set_volume(0.0); // from D-Bus, say
    rig.settings.set_mute(true);
    rig.settings.set_source("phono");
    EXPECT_EQ(rig.surface.feedback(),
              (std::vector<MidiMessage>{
                  cc(7, 127), {Kind::note_on, 1, 1, 127}, {Kind::program, 1, 3, 0}}));
    rig.send({cc(7, 126), cc(7, 120)});
    EXPECT_TRUE(rig.surface.feedback().empty()) << "the fader is not told where it is";
    rig.surface.forget_shown();
    EXPECT_EQ(rig.surface.feedback().size(), 3u) << "all again for a controller connected anew";
}

TEST(MidiSurface, FeedbackOffSendsNothing) {
    core::Config cfg = two_inputs();
    cfg.midi.feedback = false;
    Rig rig(cfg);
    EXPECT_TRUE(rig.surface.feedback().empty());
}

TEST(MidiSurface, RandomBytesThroughTheParserNeverThrowOrLeaveTheRanges) {
    core::Config cfg = two_inputs();
    cfg.inputs[1].max_db = -30.0;
    Rig rig(cfg, {mapping(M::Trigger::cc, 7, M::Control::volume, M::Mode::absolute),
                  mapping(M::Trigger::cc, 16, M::Control::volume, M::Mode::relative),
                  mapping(M::Trigger::cc, 8, M::Control::treble, M::Mode::absolute),
                  mapping(M::Trigger::note, 1, M::Control::mono, M::Mode::momentary), [] {
                      M m = mapping(M::Trigger::program, 1, M::Control::source, M::Mode::select);
                      m.source = "phono";
                      return m;
                  }()});
    std::mt19937 rng(3);
    MidiParser parser;
    for (int round = 0; round < 500; ++round) {
        std::vector<MidiMessage> batch;
        for (int i = 0; i < 200; ++i) {
            // Mostly channel messages for the mapped numbers, with noise between.
            const std::uint8_t b = rng() % 4 == 0 ? static_cast<std::uint8_t>(rng())
                                                  : static_cast<std::uint8_t>(rng() % 20);
            if (const auto m = parser.feed(b)) batch.push_back(*m);
        }
        ASSERT_NO_THROW(rig.send(batch));
        (void)rig.surface.feedback();
        const core::State& s = rig.settings.state();
        ASSERT_LE(s.volume_db, rig.settings.volume_ceiling());
        ASSERT_TRUE(rig.settings.volume_range().contains(s.volume_db));
        ASSERT_TRUE(rig.settings.treble_range().contains(s.treble_db));
    }
}

} // namespace
} // namespace preamp::surfaces
