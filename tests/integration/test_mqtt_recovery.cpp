// preamp-mqtt through what comes and goes: a broker restart (nothing retained survives
// it), preampd killed and restarted, or stopped (SIGSTOP: it does not answer), JACK gone
// (preampd waits for it), the bridge started before both, its own end, a stale entity of
// this node, a reload that adds an input.

#include "MqttTest.hpp"
#include "PollUntil.hpp"

#include <csignal>
#include <gtest/gtest.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

TEST_F(MqttTest, ABrokerRestartGetsDiscoveryAndStateBack) {
    start_all();
    mqtt.reset();
    broker->kill();
    broker->start(); // no persistence: nothing retained survives
    new_probe();
    EXPECT_TRUE(mqtt->wait_for("preampd/availability", "online", 10s)) << bridge->log();
    EXPECT_TRUE(mqtt->wait_for("preampd/state", "\"volume_db\": -12.0", 5s));
    const std::string volume = "homeassistant/number/" + node_id() + "/volume/config";
    EXPECT_TRUE(poll_until([&] { return discovered(*mqtt).contains(volume); }, 5s));
    new_probe();
    EXPECT_TRUE(poll_until([&] { return discovered(*mqtt, true).contains(volume); }, 3s))
        << "retained again";
    EXPECT_TRUE(mqtt->wait_for("preampd/state", "\"volume_db\": -12.0", 3s));
    mqtt->publish("preampd/volume/set", "-40");
    EXPECT_TRUE(poll_until([&] { return get("Volume") == "d -40"; }, 2s));
}


TEST_F(MqttTest, ABrokerRestartWhilePreampdIsGoneRepublishesNoStaleState) {
    start_all();
    daemon->kill();
    ASSERT_TRUE(mqtt->wait_for("preampd/availability", "offline", 5s));
    mqtt.reset();
    broker->kill();
    broker->start();
    new_probe();
    EXPECT_TRUE(mqtt->wait_for("preampd/availability", "offline", 10s)) << bridge->log();
    EXPECT_TRUE(poll_until([&] { return !discovered(*mqtt).empty(); }, 3s))
        << "discovery is not stale: the entities stay, unavailable";
    EXPECT_FALSE(mqtt->last("preampd/state").has_value()) << *mqtt->last("preampd/state");
    start_daemon();
    ASSERT_TRUE(running());
    EXPECT_TRUE(mqtt->wait_for("preampd/state", "\"volume_db\"", 5s)) << bridge->log();
}

TEST_F(MqttTest, APreampdRestartIsOfflineThenOnline) {
    start_all();
    daemon->kill();
    EXPECT_TRUE(mqtt->wait_for("preampd/availability", "offline", 5s)) << bridge->log();
    EXPECT_EQ(refused("volume", "-20").find("not reachable") != std::string::npos, true);
    start_daemon();
    ASSERT_TRUE(running());
    EXPECT_TRUE(mqtt->wait_for("preampd/availability", "online", 5s)) << bridge->log();
    mqtt->publish("preampd/volume/set", "-31");
    EXPECT_TRUE(poll_until([&] { return get("Volume") == "d -31"; }, 2s));
    EXPECT_TRUE(mqtt->wait_for("preampd/state", "\"volume_db\": -31.0", 2s));
}


TEST_F(MqttTest, APreampdThatDoesNotAnswerIsOfflineUntilItDoes) {
    start_all();
    daemon->signal(SIGSTOP);
    const std::string e = refused("volume", "-20"); // waits 2 s; the bridge's call gives up after 1
    EXPECT_NE(e.find("does not answer"), std::string::npos) << e << "\n" << bridge->log();
    EXPECT_TRUE(mqtt->wait_for("preampd/availability", "offline", 2s));
    EXPECT_NE(refused("volume", "-21").find("not reachable"), std::string::npos)
        << "refused at once while it does not answer";
    daemon->signal(SIGCONT);
    EXPECT_TRUE(mqtt->wait_for("preampd/availability", "online", 5s)) << bridge->log();
    mqtt->publish("preampd/volume/set", "-22");
    EXPECT_TRUE(poll_until([&] { return get("Volume") == "d -22"; }, 2s)) << bridge->log();
}

TEST_F(MqttTest, WaitingForJackIsOffline) {
    start_all();
    server.kill();
    EXPECT_TRUE(mqtt->wait_for("preampd/state", "\"state\": \"waiting-for-jack\"", 10s))
        << bridge->log();
    EXPECT_EQ(mqtt->last("preampd/availability"), "offline");
    server.restart();
    EXPECT_TRUE(mqtt->wait_for("preampd/availability", "online", 15s)) << bridge->log();
    EXPECT_TRUE(mqtt->wait_for("preampd/state", "\"state\": \"running\"", 2s));
}


TEST_F(MqttTest, ABridgeStartedFirstWaitsForTheBrokerAndPreampd) {
    write_config();
    open_probe();
    broker->kill();
    start_bridge();
    ASSERT_TRUE(bridge->wait_for_log(Pattern("cannot connect to 127.0.0.1"), 5s)) << bridge->log();
    broker->start();
    new_probe();
    EXPECT_TRUE(mqtt->wait_for("preampd/availability", "offline", 5s)) << bridge->log();
    start_daemon();
    ASSERT_TRUE(running());
    EXPECT_TRUE(mqtt->wait_for("preampd/availability", "online", 5s)) << bridge->log();
    EXPECT_TRUE(mqtt->wait_for("preampd/state", "\"volume_db\": -12.0", 2s));
}


TEST_F(MqttTest, TheBridgesOwnEndSaysOffline) {
    start_all();
    bridge->signal(SIGTERM);
    ASSERT_TRUE(bridge->wait_exit(3s).has_value());
    EXPECT_TRUE(mqtt->wait_for("preampd/availability", "offline", 2s));
    bridge.reset();
}


TEST_F(MqttTest, AStaleRetainedEntityOfThisNodeIsCleared) {
    start_controlled();
    const std::string stale = "homeassistant/switch/" + node_id() + "/old_input/config";
    new_probe();
    mqtt->publish(stale, "{\"name\": \"old\"}", true);
    ASSERT_TRUE(mqtt->wait_for(stale, "old", 2s));
    start_bridge();
    EXPECT_TRUE(poll_until([&] { return mqtt->last(stale) == std::string(); }, 5s))
        << bridge->log();
    new_probe(); // what a new client (Home Assistant after a restart) sees
    ASSERT_TRUE(mqtt->wait_for("preampd/availability", "online", 5s));
    EXPECT_FALSE(mqtt->last(stale).has_value());
}


TEST_F(MqttTest, AReloadKeepsTheSelectsOptionsCurrent) {
    start_all();
    const std::string source = "homeassistant/select/" + node_id() + "/source/config";
    ASSERT_TRUE(mqtt->wait_for(source, "[\"cd\", \"phono\"]", 3s));
    ConfigText t;
    t.extra_inputs = ",\n { name = \"tv\"; label = \"Television\"; }";
    write_config(t);
    daemon->signal(SIGHUP);
    EXPECT_TRUE(mqtt->wait_for(source, "[\"cd\", \"phono\", \"tv\"]", 5s)) << bridge->log();
    EXPECT_TRUE(mqtt->wait_for("homeassistant/select/" + node_id() + "/rec_source/config",
                               "[\"follow\", \"cd\", \"phono\", \"tv\"]", 2s));
    mqtt->publish("preampd/source/set", "Television");
    EXPECT_TRUE(poll_until([&] { return get("Source") == "s \"tv\""; }, 2s)) << bridge->log();
}


} // namespace
} // namespace preamp::test
