#pragma once
// The fixture of the MQTT bridge's tests (test_mqtt): a DaemonTest (jackd, private bus,
// preampd) with a mosquitto broker of its own, the real preamp-mqtt ($PREAMP_MQTT) on
// the private bus, and the test's MQTT client.

#include "DaemonFixture.hpp"
#include "MosquittoServer.hpp"
#include "MqttProbe.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace preamp::test {

class MqttTest : public DaemonTest {
protected:
    void SetUp() override;
    void TearDown() override;

    /// preampd (start_controlled), the broker, the bridge, and the probe once the bridge
    /// says online.
    void start_all();
    /// preamp-mqtt --broker 127.0.0.1:PORT ARGS on the private bus.
    void start_bridge(const std::vector<std::string>& args = {});
    /// A new probe on the broker (it sees what is retained now).
    void new_probe();
    /// "preampd_HOSTNAME": the bridge's node id for the default instance.
    [[nodiscard]] static std::string node_id();
    /// Publishes `payload` to preampd/SETTING/set and waits for preampd/error to answer;
    /// returns its payload ("" if none came within 2 s).
    std::string refused(const std::string& setting, const std::string& payload);
    /// The discovery configs `probe` has seen (not the empty ones): topic → payload.
    /// `retained`: only those the broker sent as retained (on subscribing), not those
    /// forwarded as they were published.
    static std::map<std::string, std::string> discovered(const MqttProbe& probe,
                                                         bool retained = false);

    std::string preamp_mqtt_;
    std::optional<MosquittoServer> broker;
    std::optional<DaemonProcess> bridge;
    std::optional<MqttProbe> mqtt;
};

} // namespace preamp::test
