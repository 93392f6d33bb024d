// The memory of connections that brings hand-made patchbay connections back after a
// JACK server restart.

#include "jack/LinkMemory.hpp"

#include <gtest/gtest.h>

using preamp::jack::Link;
using preamp::jack::LinkMemory;

TEST(LinkMemory, RemembersWhatIsLive) {
    LinkMemory m;
    m.update({{"preamp:cd_L", "system:capture_1"}});
    ASSERT_EQ(m.links().size(), 1u);
}

TEST(LinkMemory, ForgetsWhatSomeoneUndid) {
    LinkMemory m;
    m.update({{"preamp:rec_out_L", "deck:in"}});
    m.update({});
    EXPECT_TRUE(m.links().empty());
}

TEST(LinkMemory, ForgetsAPeerThatLeavesWhileTheServerRuns) {
    // A recorder on rec_out closes; another program later registers the same port name
    // (jack_rec:input1): it must not be fed rec_out it never asked for.
    LinkMemory m;
    m.update({{"preamp:rec_out_L", "jack_rec:input1"}, {"preamp:pre_out_L", "amp:in_1"}});
    m.update({{"preamp:pre_out_L", "amp:in_1"}}); // the recorder is gone
    const auto links = m.links();
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(links[0].peer, "amp:in_1");
}

TEST(LinkMemory, AfterAServerRestartWaitsForEveryPeerHoweverLate) {
    LinkMemory m;
    m.update({{"preamp:pre_out_L", "amp:in_1"}, {"preamp:cd_L", "player:out_L"}});
    m.session_ended(); // the server went away
    // Back: the amplifier's port is there and reconnected, the player's is not yet.
    m.update({{"preamp:pre_out_L", "amp:in_1"}});
    m.update({{"preamp:pre_out_L", "amp:in_1"}});
    EXPECT_EQ(m.links().size(), 2u) << "the player's link waits for the player";
    // The player is back and reconnected: from now on its link follows the graph.
    m.update({{"preamp:pre_out_L", "amp:in_1"}, {"preamp:cd_L", "player:out_L"}});
    m.update({{"preamp:pre_out_L", "amp:in_1"}});
    const auto links = m.links();
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(links[0].peer, "amp:in_1");
}

TEST(LinkMemory, ASecondRestartKeepsWhatStillWaits) {
    LinkMemory m;
    m.update({{"preamp:cd_L", "player:out_L"}});
    m.session_ended();
    m.update({});
    m.session_ended();
    m.update({});
    EXPECT_EQ(m.links().size(), 1u);
}
