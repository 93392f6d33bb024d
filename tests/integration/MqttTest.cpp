#include "MqttTest.hpp"

#include "PollUntil.hpp"

#include <array>
#include <unistd.h>

namespace preamp::test {

using namespace std::chrono_literals;

void MqttTest::SetUp() {
    const auto program = program_from_env("PREAMP_MQTT");
    if (!program) GTEST_SKIP() << "PREAMP_MQTT is not set";
    const auto mosquitto = program_from_env("MOSQUITTO");
    if (!mosquitto) GTEST_SKIP() << "MOSQUITTO is not set (Debian: apt install mosquitto)";
    preamp_mqtt_ = *program;
    DaemonTest::SetUp();
    if (IsSkipped()) return;
    broker.emplace(*mosquitto);
    broker->start();
}

void MqttTest::TearDown() {
    mqtt.reset();
    if (bridge) {
        const int status = bridge->terminate();
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
            << describe_status(status) << "\n" << bridge->log();
    }
    bridge.reset();
    broker.reset();
    DaemonTest::TearDown();
}

void MqttTest::start_bridge(const std::vector<std::string>& args) {
    ProcessOptions o;
    o.env = bus->env();
    std::vector<std::string> line{"--broker", broker->address()};
    line.insert(line.end(), args.begin(), args.end());
    bridge.emplace(preamp_mqtt_, line, o);
}

void MqttTest::new_probe() {
    mqtt.reset();
    mqtt.emplace(broker->port());
}

void MqttTest::start_all() {
    start_controlled();
    start_bridge();
    new_probe();
    ASSERT_TRUE(mqtt->wait_for("preampd/availability", "online", 5s)) << bridge->log();
    ASSERT_TRUE(mqtt->wait_for("preampd/state", "\"volume_db\"", 5s)) << bridge->log();
}

std::string MqttTest::node_id() {
    std::array<char, 256> host{};
    gethostname(host.data(), host.size() - 1);
    std::string id = std::string("preampd_") + host.data();
    for (char& c : id)
        if (!isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
    return id;
}

std::string MqttTest::refused(const std::string& setting, const std::string& payload) {
    const std::size_t before = mqtt->count("preampd/error");
    mqtt->publish("preampd/" + setting + "/set", payload);
    if (!poll_until([&] { return mqtt->count("preampd/error") > before; }, 2s)) return "";
    return mqtt->last("preampd/error").value_or("");
}

std::map<std::string, std::string> MqttTest::discovered(const MqttProbe& probe, bool retained) {
    std::map<std::string, std::string> out;
    for (const auto& m : probe.messages())
        if (m.topic.find("/config") != std::string::npos && (m.retained || !retained) &&
            !m.payload.empty())
            out[m.topic] = m.payload;
    return out;
}

} // namespace preamp::test
