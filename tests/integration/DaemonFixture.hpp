#pragma once

// The fixture of the tests that run preampd: a jackd -d dummy of its own, a private
// D-Bus bus, a config and state file in a temporary directory, the probe client, and
// preampd itself; plus the programme the probe plays and how to find it again.

#include "DaemonProcess.hpp"
#include "JackServer.hpp"
#include "PrivateBus.hpp"
#include "Probe.hpp"
#include "TempDir.hpp"

#include <chrono>
#include <cstdint>
#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <vector>

namespace preamp::test {

/// A deterministic, noise-like programme: a hash of the frame, so that any stretch of
/// it says where it came from and a copy can be checked sample for sample.
float programme(std::uint64_t frame);
/// Where in programme() the recording `x` starts; -1 if it is not a copy of it.
long long locate(const std::vector<float>& x, std::uint64_t horizon);
/// Samples of x that differ from programme() from offset `at`; leading silence ignored.
std::size_t mismatches(const std::vector<float>& x, long long at);
/// The periods of x (blocks of `period` frames from its first sound) that are not an
/// exact copy of programme() at offset `at`: `slipped` are a copy at `at` plus or minus
/// one period (JACK ran the clients of a cycle in another order for a while: a graph
/// change, as a port registration is, can do that, whatever the clients do), `broken`
/// are a copy at no such offset (a sample lost, altered or silenced).
struct PeriodCheck {
    std::size_t slipped = 0;
    std::size_t broken = 0;
    std::string first_broken; ///< where_it_differs() for the first broken period
};
PeriodCheck check_periods(const std::vector<float>& x, long long at, std::size_t period);
/// Whether the recording x of rec_out runs on sample for sample from offset `at`, period
/// by period (check_periods): no broken period; periods one period off are printed,
/// as JACK's, not preampd's.
::testing::AssertionResult runs_on(const std::vector<float>& x, long long at, std::size_t period);
/// For a failure message: where x first differs from programme() at offset `at`, how
/// long that run is, and from which offset (within 4096 frames) it does come: a period
/// repeated or skipped shows as a shift of one period.
std::string where_it_differs(const std::vector<float>& x, long long at);

/// preampd's D-Bus name (without an instance), object and interface.
inline constexpr const char* kName = "org.preampd.Preamp";
inline constexpr const char* kPath = "/org/preampd/Preamp";
inline constexpr const char* kInterface = "org.preampd.Preamp1";

/// `s` without trailing newlines and spaces.
std::string trim(std::string s);

struct ConfigText {
    std::string extra_inputs;
    std::string volume = "ramp_ms = 5.0; default_db = -12.0; startup_max_db = -6.0;";
};

class DaemonTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    [[nodiscard]] std::string config_path() const { return dir / "preampd.conf"; }
    [[nodiscard]] std::string state_path() const { return dir / "state"; }
    /// Inputs cd (connected from probe:cd_L/R) and phono (a regex for late ports),
    /// outputs to probe:pre_L/R and probe:rec_L/R.
    void write_config(const ConfigText& t = {}) const;
    /// The probe's ports: cd_L/R play programme(); rec_L/R, pre_L/R and extra record. On
    /// JACK server `jack_server`; "" is the test's jackd (server).
    void open_probe(const std::string& jack_server = "");
    /// preampd --config config_path() ARGS, on the server and the private bus.
    void start_daemon(std::vector<std::string> args = {});
    /// preampd ARGS (no --config), on the server and the private bus.
    void launch_daemon(const std::vector<std::string>& args);
    bool running(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /// write_config(), open_probe(), start_daemon(); asserts it runs and owns kName.
    void start_controlled();
    /// busctl get-property on the daemon: its output, e.g. "d -30".
    std::string get(const std::string& property);
    /// dbus-monitor on the private bus, printing every PropertiesChanged; returns once
    /// it hears them. The test's one monitor: a second call starts it anew.
    DaemonProcess& monitor_changes();
    /// Lets `seconds` of audio pass: the probe's callback runs that many periods (audio
    /// time, not the clock's, so a stalled server stalls the wait too). Fails the test
    /// if they do not come within `seconds` + 5 s.
    void play_for(double seconds);
    /// Rewrites the config (write_config(`text`)) with `settings` as extra_settings, sends
    /// SIGHUP and waits for the daemon's "Configuration reloaded".
    void reload(const std::string& settings, const ConfigText& text = {});
    /// busctl set-property; "--" so that a negative number is no option.
    PrivateBus::Result set(const std::string& property, const std::string& type,
                           const std::string& value);

    std::string preampd_;
    /// The period of the test's jackd (48 kHz); a derived fixture's constructor may change it.
    unsigned jack_period = 256;
    JackServer server;
    std::optional<PrivateBus> bus;
    TempDir dir;
    std::vector<std::string> extra_env;
    /// Whole settings write_config() puts after the others (e.g. "bass_management = { };").
    std::string extra_settings;
    /// ProcessOptions::prefix for preampd (e.g. pw-jack).
    std::vector<std::string> daemon_prefix;
    std::optional<Probe> probe;
    std::optional<DaemonProcess> daemon;

private:
    std::optional<DaemonProcess> changes_; // monitor_changes()'s
};

} // namespace preamp::test
