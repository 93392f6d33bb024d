// MidiParser: channel messages out of a byte stream, and malformed MIDI (running status,
// truncated messages, SysEx, real-time bytes in between, random bytes) ignored safely.

#include "surfaces/MidiParser.hpp"

#include <gtest/gtest.h>
#include <random>
#include <vector>

namespace preamp::surfaces {
namespace {

using Kind = MidiMessage::Kind;

std::vector<MidiMessage> parse(const std::vector<std::uint8_t>& bytes) {
    MidiParser p;
    std::vector<MidiMessage> out;
    for (const std::uint8_t b : bytes)
        if (const auto m = p.feed(b)) out.push_back(*m);
    return out;
}

MidiMessage cc(std::uint8_t channel, std::uint8_t number, std::uint8_t value) {
    return {Kind::cc, channel, number, value};
}

TEST(MidiParser, ChannelMessagesAndTheirChannels) {
    EXPECT_EQ(parse({0xB0, 7, 100}), std::vector{cc(1, 7, 100)});
    EXPECT_EQ(parse({0xBF, 8, 0}), std::vector{cc(16, 8, 0)});
    EXPECT_EQ(parse({0xC2, 5}), (std::vector<MidiMessage>{{Kind::program, 3, 5, 0}}));
    EXPECT_EQ(parse({0x90, 36, 127}), (std::vector<MidiMessage>{{Kind::note_on, 1, 36, 127}}));
    EXPECT_EQ(parse({0x90, 36, 0}), (std::vector<MidiMessage>{{Kind::note_off, 1, 36, 0}}))
        << "note on with velocity 0 is a note off";
    EXPECT_EQ(parse({0x80, 36, 64}), (std::vector<MidiMessage>{{Kind::note_off, 1, 36, 64}}));
}

TEST(MidiParser, RunningStatusGoesOnUntilAnotherStatus) {
    EXPECT_EQ(parse({0xB0, 7, 1, 7, 2, 8, 3}),
              (std::vector{cc(1, 7, 1), cc(1, 7, 2), cc(1, 8, 3)}));
    EXPECT_EQ(parse({0xC0, 1, 2}),
              (std::vector<MidiMessage>{{Kind::program, 1, 1, 0}, {Kind::program, 1, 2, 0}}));
}

TEST(MidiParser, RealTimeBytesInsideAMessageDoNotDisturbIt) {
    EXPECT_EQ(parse({0xB0, 0xF8, 7, 0xFE, 100, 0xFA, 7, 0xFF, 101}),
              (std::vector{cc(1, 7, 100), cc(1, 7, 101)}));
}

TEST(MidiParser, TruncatedMessagesAndStrayDataAreDropped) {
    EXPECT_EQ(parse({0xB0, 7, 0xB0, 8, 9}), std::vector{cc(1, 8, 9)})
        << "a message cut short by a status byte is dropped";
    EXPECT_TRUE(parse({1, 2, 3, 4}).empty()) << "data bytes before any status";
    EXPECT_TRUE(parse({0xB0, 7}).empty()) << "the end of a stream in the middle of a message";
}

TEST(MidiParser, SysExAndSystemCommonAreSkippedAndEndRunningStatus) {
    EXPECT_EQ(parse({0xB0, 7, 1, 0xF0, 0x7E, 7, 100, 0xF7, 7, 5, 0xB0, 7, 2}),
              (std::vector{cc(1, 7, 1), cc(1, 7, 2)}));
    EXPECT_EQ(parse({0xF0, 1, 2, 3, 0xB1, 7, 9}), std::vector{cc(2, 7, 9)})
        << "a SysEx without its end, ended by a status byte";
    EXPECT_EQ(parse({0xB0, 0xF2, 7, 9, 7, 10}), std::vector<MidiMessage>{})
        << "song position's data bytes are not a control change";
    EXPECT_TRUE(parse({0xE0, 0, 64, 0xD0, 5, 0xA0, 60, 1}).empty())
        << "pitch bend and pressure are parsed and dropped";
}

TEST(MidiParser, AnyBytesAtAllAreSafeAndTheStreamRecovers) {
    std::mt19937 rng(7);
    MidiParser p;
    long messages = 0;
    for (int round = 0; round < 2000; ++round) {
        for (int i = 0; i < 64; ++i)
            if (const auto m = p.feed(static_cast<std::uint8_t>(rng()))) {
                ++messages;
                EXPECT_GE(m->channel, 1);
                EXPECT_LE(m->channel, 16);
                EXPECT_LT(m->number, 128);
                EXPECT_LT(m->value, 128);
            }
        // After the noise, a whole message is always understood.
        p.feed(0xB4);
        p.feed(7);
        const auto m = p.feed(99);
        ASSERT_TRUE(m.has_value()) << "round " << round;
        EXPECT_EQ(*m, cc(5, 7, 99));
    }
    EXPECT_GT(messages, 0) << "random bytes hold some messages";
}

TEST(MidiParser, BytesRoundTrip) {
    for (const MidiMessage m : {cc(3, 7, 99), MidiMessage{Kind::program, 16, 4, 0},
                                MidiMessage{Kind::note_on, 1, 60, 127}}) {
        const auto b = m.bytes();
        EXPECT_EQ(parse({b.data.begin(), b.data.begin() + static_cast<long>(b.size)}),
                  std::vector{m});
    }
}

} // namespace
} // namespace preamp::surfaces
