// The memory of connections that brings hand-made patchbay connections back.

#include "jack/LinkMemory.hpp"

#include <gtest/gtest.h>

#include <set>

using preamp::jack::Link;
using preamp::jack::LinkMemory;

namespace {

auto present(std::set<std::string> ports) {
    return [ports](const std::string& p) { return ports.contains(p); };
}

} // namespace

TEST(LinkMemory, RemembersWhatIsLive) {
    LinkMemory m;
    m.update({{"preamp:cd_L", "system:capture_1"}}, present({"preamp:cd_L", "system:capture_1"}));
    ASSERT_EQ(m.links().size(), 1u);
}

TEST(LinkMemory, KeepsConnectionsWhosePeerIsAbsent) {
    LinkMemory m;
    m.update({{"preamp:pre_out_L", "amp:in_1"}, {"preamp:cd_L", "player:out_L"}},
             present({"preamp:pre_out_L", "amp:in_1", "preamp:cd_L", "player:out_L"}));
    // The server restarted: our ports are back, the player's are not yet.
    m.update({}, present({"preamp:pre_out_L", "amp:in_1", "preamp:cd_L"}));
    const auto links = m.links();
    EXPECT_EQ(links.size(), 1u);
    EXPECT_EQ(links[0].peer, "player:out_L") << "amp's link was seen broken with both ports there";
}

TEST(LinkMemory, ForgetsWhatSomeoneUndid) {
    LinkMemory m;
    const auto all = present({"preamp:rec_out_L", "deck:in"});
    m.update({{"preamp:rec_out_L", "deck:in"}}, all);
    m.update({}, all);
    EXPECT_TRUE(m.links().empty());
}

TEST(LinkMemory, NothingKnownWhileOurPortIsGone) {
    LinkMemory m;
    m.update({{"preamp:tuner_L", "radio:out"}}, present({"preamp:tuner_L", "radio:out"}));
    m.update({}, present({"radio:out"})); // the input was removed from the config
    EXPECT_EQ(m.links().size(), 1u) << "kept until the port is back and the link seen broken";
}
