// GetMeters on a real jackd: every input and output port measured, a known sine read to
// the hundredth of a dB where it comes in and where it goes out, clips counted, and two
// clients, each on a connection of its own, that never reset each other's readings.

#include "BusConnection.hpp"
#include "PreampctlTest.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

const double kSinePeakDb = 20.0 * std::log10(0.5);                 // -6.02 dBFS
const double kSineRmsDb = 20.0 * std::log10(0.5 / std::sqrt(2.0)); // -9.03 dBFS

class MetersTest : public PreampctlTest {
protected:
    /// preampd at 0 dB, flat, its input cd playing a 1 kHz sine of amplitude `amplitude`
    /// on both channels; a connection of the test's own to the bus.
    void start_playing(double amplitude) {
        start();
        ASSERT_EQ(set("Volume", "d", "0").status, 0);
        for (const char* port : {"cd_L", "cd_R"})
            probe->play(port, Sine{1000.0, amplitude});
        client.emplace(bus->address());
        probe->record(0.2); // the volume ramp and the new programme are through
    }
    /// The meter of `port` in `meters`; fails the test when it is not there.
    static BusConnection::Meter of(const std::vector<BusConnection::Meter>& meters,
                                   const std::string& port) {
        for (const auto& m : meters)
            if (std::get<0>(m) == port) return m;
        ADD_FAILURE() << "GetMeters has no " << port;
        return {port, NAN, NAN, 0};
    }
    std::optional<BusConnection> client;
};

TEST_F(MetersTest, AKnownSineReadsTheSameOnItsInputAndTheOutputs) {
    start_playing(0.5);
    (void)client->get_meters(kName); // this client's interval starts
    probe->record(0.5);
    const auto meters = client->get_meters(kName);
    std::vector<std::string> ports;
    for (const auto& m : meters)
        ports.push_back(std::get<0>(m));
    EXPECT_EQ(ports, (std::vector<std::string>{"cd_L", "cd_R", "phono_L", "phono_R", "rec_out_L",
                                               "rec_out_R", "pre_out_L", "pre_out_R"}));
    for (const char* port : {"cd_L", "cd_R", "rec_out_L", "rec_out_R", "pre_out_L", "pre_out_R"}) {
        SCOPED_TRACE(port);
        const auto [name, peak, rms, clips] = of(meters, port);
        EXPECT_NEAR(peak, kSinePeakDb, 0.01);
        EXPECT_NEAR(rms, kSineRmsDb, 0.01);
        EXPECT_EQ(clips, 0u);
    }
    EXPECT_EQ(std::get<1>(of(meters, "phono_L")), -INFINITY) << "nothing plays there";
}

TEST_F(MetersTest, ClipsAreCountedWhereTheyHappenAndNeverReset) {
    start_playing(1.5);
    ASSERT_EQ(set("Volume", "d", "-12").status, 0); // pre_out at 0.38: no clips there
    probe->record(0.2);
    const auto first = client->get_meters(kName);
    probe->record(0.2);
    const auto second = client->get_meters(kName);
    for (const char* port : {"cd_L", "cd_R", "rec_out_L", "rec_out_R"}) {
        SCOPED_TRACE(port);
        EXPECT_GT(std::get<3>(of(first, port)), 0u);
        EXPECT_GT(std::get<3>(of(second, port)), std::get<3>(of(first, port)))
            << "counted since the start, not per reading";
        EXPECT_NEAR(std::get<1>(of(second, port)), 20.0 * std::log10(1.5), 0.01);
    }
    EXPECT_EQ(std::get<3>(of(second, "phono_L")), 0u);
    const auto pre = of(second, "pre_out_L");
    EXPECT_NEAR(std::get<1>(pre), 20.0 * std::log10(1.5) - 12.0, 0.01);
}

TEST_F(MetersTest, TwoClientsDoNotResetEachOthersReadings) {
    start_playing(0.5);
    ProcessOptions o;
    o.env = bus->env();
    // A live meter reads every 100 ms; the test's own connection reads once, later.
    DaemonProcess watch(preampctl_, {"--json", "levels", "--watch"}, o);
    ASSERT_TRUE(watch.wait_for_log(Pattern("\"port\": \"cd_L\", \"peak_dbfs\": -6\\.0"), 5s))
        << watch.log();
    (void)client->get_meters(kName);
    probe->record(0.3); // the sine, within this client's interval
    for (const char* port : {"cd_L", "cd_R"})
        probe->silence(port);
    ASSERT_TRUE(watch.wait_for_log(Pattern("\"port\": \"cd_L\", \"peak_dbfs\": null"), 5s))
        << "the live meter read the silence after the sine: " << watch.log();
    const auto meters = client->get_meters(kName);
    EXPECT_NEAR(std::get<1>(of(meters, "cd_L")), kSinePeakDb, 0.01)
        << "the live meter's readings did not reset this client's peak";
    EXPECT_NEAR(std::get<1>(of(meters, "pre_out_R")), kSinePeakDb, 0.01);
    EXPECT_EQ(std::get<1>(of(client->get_meters(kName), "cd_L")), -INFINITY)
        << "its own reading did";
}

} // namespace
} // namespace preamp::test
