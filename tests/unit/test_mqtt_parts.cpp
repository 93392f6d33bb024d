// preamp-mqtt's parts without a broker or a bus: its command line, its config file (the
// errors name the file, line and setting), payload checks, the state JSON in preampctl's
// vocabulary, and the discovery configs.

#include "mqtt/BridgeFile.hpp"
#include "mqtt/Discovery.hpp"
#include "mqtt/Options.hpp"
#include "mqtt/Payload.hpp"
#include "mqtt/StateJson.hpp"
#include "config/ConfigError.hpp"
#include "ctl/UsageError.hpp"

#include <gtest/gtest.h>

namespace preamp::mqtt {
namespace {

using ctl::UsageError;

std::string error_of(const std::string& text) {
    try {
        (void)BridgeFile::parse(text, "mqtt.conf", {});
    } catch (const config::ConfigError& e) {
        return e.what();
    }
    return "";
}

TEST(MqttOptions, BrokerInstanceAndBus) {
    const auto o = parse_options({"--broker", "10.0.0.2:8883", "-i", "zone2", "--system"});
    EXPECT_EQ(o.host, "10.0.0.2");
    EXPECT_EQ(o.port, 8883);
    EXPECT_EQ(o.instance, "zone2");
    EXPECT_EQ(o.bus, ctl::Bus::system);
    const auto h = parse_options({"--broker", "broker.lan"});
    EXPECT_EQ(h.host, "broker.lan");
    EXPECT_FALSE(h.port.has_value());
    EXPECT_EQ(parse_options({"--broker", "[::1]:1884"}).host, "::1");
    EXPECT_THROW((void)parse_options({"--broker", "h:0"}), UsageError);
    EXPECT_THROW((void)parse_options({"--broker", "h:99999"}), UsageError);
    EXPECT_THROW((void)parse_options({"--broker", ":1883"}), UsageError);
    EXPECT_THROW((void)parse_options({"--instance", "Zone 2"}), UsageError);
    EXPECT_THROW((void)parse_options({"--system", "--user"}), UsageError);
    EXPECT_THROW((void)parse_options({"--broker"}), UsageError);
    EXPECT_THROW((void)parse_options({"--frobnicate"}), UsageError);
}

TEST(MqttFile, ReadsEverySetting) {
    const auto s = BridgeFile::parse(
        "broker = { host = \"mqtt.lan\"; port = 8883; client_id = \"box\"; username = \"ha\";\n"
        "  password_file = \"/etc/preampd/mqtt.secret\"; keepalive_s = 60;\n"
        "  tls = { ca_file = \"/etc/ssl/ca.pem\"; cert_file = \"c.pem\"; key_file = \"k.pem\"; }; };\n"
        "base_topic = \"living/preamp\"; discovery_prefix = \"ha\"; discovery = false;\n"
        "qos = 0; instance = \"zone2\"; bus = \"system\";\n",
        "mqtt.conf", {});
    EXPECT_EQ(s.host, "mqtt.lan");
    EXPECT_EQ(s.port, 8883);
    EXPECT_EQ(s.client(), "box");
    EXPECT_EQ(s.username, "ha");
    EXPECT_EQ(s.password_file, "/etc/preampd/mqtt.secret");
    EXPECT_EQ(s.tls.ca_file, "/etc/ssl/ca.pem");
    EXPECT_EQ(s.base(), "living/preamp");
    EXPECT_EQ(s.discovery_prefix, "ha");
    EXPECT_FALSE(s.discovery);
    EXPECT_EQ(s.qos, 0);
    EXPECT_EQ(s.instance, "zone2");
    EXPECT_EQ(s.bus, ctl::Bus::system);
    EXPECT_EQ(BridgeFile::keys().size(), 16u);
}

TEST(MqttFile, DefaultsAndTheInstanceInTheBaseTopic) {
    Settings s;
    EXPECT_EQ(s.base(), "preampd");
    s.instance = "zone2";
    EXPECT_EQ(s.base(), "preampd/zone2");
    EXPECT_NE(s.node_id().find("_zone2"), std::string::npos);
}

TEST(MqttFile, ErrorsNameTheLineTheSettingAndWhatIsAllowed) {
    EXPECT_EQ(error_of("qos = 3;"),
              "mqtt.conf:1: qos: must be a whole number from 0 to 2, not 3.000000");
    EXPECT_NE(error_of("\nbroker = { prot = 1; };").find("mqtt.conf:2"), std::string::npos);
    EXPECT_NE(error_of("broker = { prot = 1; };").find("did you mean broker.port?"),
              std::string::npos);
    EXPECT_NE(error_of("base_topic = \"a/#\";").find("not a topic prefix"), std::string::npos);
    EXPECT_NE(error_of("broker = { password = \"x\"; password_file = \"y\"; };").find("not both"),
              std::string::npos);
    EXPECT_NE(error_of("instance = \"Z\";").find("not an instance name"), std::string::npos);
    EXPECT_NE(error_of("bus = \"dbus\";").find("system, session or any"), std::string::npos);
    EXPECT_NE(error_of("broker = { port = \"x\"; };").find("a number"), std::string::npos);
    EXPECT_NE(error_of("qos = ;").find("syntax error"), std::string::npos);
    EXPECT_EQ(error_of("qos = 2;"), "");
}

TEST(MqttPayload, RefusesWhatIsNoValue) {
    EXPECT_EQ(payload_text(" -25\n"), "-25");
    EXPECT_THROW((void)payload_text(std::string(kMaxPayload + 1, '1')), UsageError);
    EXPECT_NO_THROW((void)payload_text(std::string(kMaxPayload, '1')));
    EXPECT_THROW((void)payload_text("\xff\xfe"), UsageError);
    EXPECT_THROW((void)payload_text(std::string("-2\0", 3)), UsageError);
    EXPECT_THROW((void)payload_text("  "), UsageError);
    EXPECT_EQ(excerpt(std::string(50, 'x')), "\"" + std::string(40, 'x') + "…\"");
}

TEST(MqttState, ThePropertiesInPreampctlsVocabulary) {
    PreampLink::Properties p;
    p["Volume"] = sdbus::Variant(-25.0);
    p["Mute"] = sdbus::Variant(false);
    p["SampleRate"] = sdbus::Variant(std::uint32_t{0});
    p["CallbackTime"] = sdbus::Variant(sdbus::Struct<double, double>(1.0, 2.0));
    p["Source"] = sdbus::Variant(std::string("cd"));
    EXPECT_EQ(state_json(p), "{\"callback_us\": null, \"mute\": false, \"sample_rate_hz\": null, "
                             "\"source\": \"cd\", \"volume_db\": -25.0}");
}

TEST(MqttDiscovery, RangesOptionsAndTheSubOnlyWithBassManagement) {
    Settings s;
    PreampLink::Properties p;
    p["VolumeRange"] = sdbus::Variant(sdbus::Struct<double, double>(-60.0, -6.0));
    p["VolumeStep"] = sdbus::Variant(0.5);
    p["Sources"] = sdbus::Variant(std::vector<sdbus::Struct<std::string, std::string>>{
        {"cd", "CD"}, {"tv", "TV"}});
    p["BassManagement"] = sdbus::Variant(false);
    auto m = Discovery::messages(s, p);
    const std::string node = s.node_id();
    const auto& volume = m.at("homeassistant/number/" + node + "/volume/config");
    EXPECT_NE(volume.find("\"min\": -60.0, \"max\": -6.0, \"step\": 0.5"), std::string::npos)
        << volume;
    EXPECT_NE(volume.find("\"command_topic\": \"preampd/volume/set\""), std::string::npos);
    EXPECT_NE(m.at("homeassistant/select/" + node + "/source/config")
                  .find("\"options\": [\"cd\", \"tv\"]"),
              std::string::npos);
    EXPECT_FALSE(m.contains("homeassistant/number/" + node + "/sub_level/config"));
    EXPECT_EQ(m.at("homeassistant/sensor/" + node + "/state/config").find("command_topic"),
              std::string::npos);
    p["BassManagement"] = sdbus::Variant(true);
    m = Discovery::messages(s, p);
    EXPECT_TRUE(m.contains("homeassistant/number/" + node + "/sub_level/config"));
    EXPECT_EQ(Discovery::retained_pattern(s), "homeassistant/+/" + node + "/+/config");
}

} // namespace
} // namespace preamp::mqtt
