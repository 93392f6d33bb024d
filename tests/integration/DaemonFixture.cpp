#include "DaemonFixture.hpp"

#include "Measure.hpp"
#include "Pattern.hpp"
#include "PollUntil.hpp"

#include <cmath>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace preamp::test {

using namespace std::chrono_literals;

float programme(std::uint64_t frame) {
    std::uint64_t z = frame + 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return static_cast<float>(static_cast<double>(z >> 40) / static_cast<double>(1 << 24) - 0.5) *
           0.5f;
}

long long locate(const std::vector<float>& x, std::uint64_t horizon) {
    const std::size_t start = onset(x, 0.0f);
    if (start + 16 > x.size()) return -1;
    for (std::uint64_t f = 0; f < horizon; ++f) {
        bool same = true;
        for (std::size_t i = 0; i < 16 && same; ++i)
            same = programme(f + i) == x[start + i];
        if (same) return static_cast<long long>(f) - static_cast<long long>(start);
    }
    return -1;
}

std::size_t mismatches(const std::vector<float>& x, long long at) {
    std::size_t bad = 0;
    for (std::size_t i = onset(x, 0.0f); i < x.size(); ++i)
        bad += programme(static_cast<std::uint64_t>(at + static_cast<long long>(i))) != x[i];
    return bad;
}

PeriodCheck check_periods(const std::vector<float>& x, long long at, std::size_t period) {
    PeriodCheck r;
    const auto copy_at = [&](std::size_t begin, long long offset) {
        for (std::size_t i = begin; i < begin + period; ++i)
            if (offset + static_cast<long long>(i) < 0 ||
                programme(static_cast<std::uint64_t>(offset + static_cast<long long>(i))) != x[i])
                return false;
        return true;
    };
    const auto p = static_cast<long long>(period);
    for (std::size_t b = onset(x, 0.0f); b + period <= x.size(); b += period) {
        if (copy_at(b, at)) continue;
        if (copy_at(b, at - p) || copy_at(b, at + p)) {
            ++r.slipped;
        } else if (r.broken++ == 0) {
            const std::vector<float> block(x.begin() + static_cast<long long>(b),
                                           x.begin() + static_cast<long long>(b + period));
            r.first_broken = "the period from sample " + std::to_string(b) + ": " +
                             where_it_differs(block, at + static_cast<long long>(b));
        }
    }
    return r;
}

::testing::AssertionResult runs_on(const std::vector<float>& x, long long at, std::size_t period) {
    const PeriodCheck c = check_periods(x, at, period);
    if (c.slipped > 0)
        std::printf("rec_out: %zu of its periods one period off (JACK's order of the clients)\n",
                    c.slipped);
    if (c.broken == 0) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << c.broken << " periods of " << period
                                         << " frames are not the programme: " << c.first_broken;
}

std::string where_it_differs(const std::vector<float>& x, long long at) {
    const auto same = [&](std::size_t i, long long offset) {
        return programme(static_cast<std::uint64_t>(offset + static_cast<long long>(i))) == x[i];
    };
    std::size_t first = onset(x, 0.0f);
    while (first < x.size() && same(first, at))
        ++first;
    if (first == x.size()) return "no sample differs";
    std::size_t end = first;
    while (end < x.size() && !same(end, at))
        ++end;
    std::ostringstream m;
    m << "samples " << first << " to " << end - 1 << " (" << end - first << ") differ";
    for (long long shift = -4096; shift <= 4096; ++shift)
        if (shift != 0 && at + shift + static_cast<long long>(first) >= 0 &&
            same(first, at + shift) && (first + 1 >= x.size() || same(first + 1, at + shift))) {
            m << "; they are the programme " << (shift < 0 ? -shift : shift) << " frames "
              << (shift < 0 ? "earlier (repeated)" : "later (skipped ahead)");
            return m.str();
        }
    m << "; they are not the programme at any offset within 4096 frames";
    return m.str();
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

void DaemonTest::SetUp() {
    const auto program = program_from_env("PREAMPD");
    if (!program) GTEST_SKIP() << "PREAMPD is not set";
    preampd_ = *program;
    server.start(JackServer::unique_name("pd"), 48000, jack_period);
    bus.emplace();
}

void DaemonTest::write_config(const ConfigText& t) const {
    std::ofstream(config_path())
        << "inputs = ( { name = \"cd\"; label = \"CD Player\";"
           "             connect = [\"probe:cd_L\", \"probe:cd_R\"]; },\n"
           "           { name = \"phono\"; label = \"Turntable\"; trim_db = 6.0;"
           "             connect = [\"~^probe:late_.*L$\"]; }"
        << t.extra_inputs
        << " );\n"
           "outputs: { pre_out = { connect = [\"probe:pre_L\", \"probe:pre_R\"]; };\n"
           "           rec_out = { connect = [\"probe:rec_L\", \"probe:rec_R\"]; }; };\n"
           "volume: { "
        << t.volume << " };\nstate: { file = \"" << state_path() << "\"; };\n"
        << extra_settings;
}

void DaemonTest::open_probe(const std::string& jack_server) {
    probe.emplace(jack_server.empty() ? server.name() : jack_server);
    for (const char* p : {"cd_L", "cd_R"})
        probe->add_output(p);
    for (const char* p : {"rec_L", "rec_R", "pre_L", "pre_R", "extra"})
        probe->add_input(p);
    for (const char* p : {"cd_L", "cd_R"})
        probe->play(p, programme);
}

void DaemonTest::start_daemon(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config_path()});
    launch_daemon(args);
}

void DaemonTest::launch_daemon(const std::vector<std::string>& args) {
    ProcessOptions o;
    o.jack_server = server.name();
    o.env = extra_env;
    o.prefix = daemon_prefix;
    for (const auto& e : bus->env())
        o.env.push_back(e);
    daemon.emplace(preampd_, args, o);
}

bool DaemonTest::running(std::chrono::milliseconds timeout) {
    return daemon->wait_for_log(Pattern("Running as JACK client"), timeout);
}

void DaemonTest::start_controlled() {
    write_config();
    open_probe();
    start_daemon();
    ASSERT_TRUE(running());
    ASSERT_TRUE(bus->wait_for_name(kName, 3s));
}

std::string DaemonTest::get(const std::string& property) {
    const auto r = bus->call({"get-property", kName, kPath, kInterface, property});
    EXPECT_EQ(r.status, 0) << r.out;
    return trim(r.out);
}

DaemonProcess& DaemonTest::monitor_changes() {
    ProcessOptions o;
    o.env = bus->env();
    DaemonProcess& monitor = changes_.emplace(
        "dbus-monitor",
        std::vector<std::string>{"--session", "type='signal',interface='org.freedesktop."
                                              "DBus.Properties',member='PropertiesChanged'"},
        o);
    // A monitor loses its unique name once the bus has made it one (BecomeMonitor), and
    // dbus-monitor prints that NameLost: from then on it hears every match.
    EXPECT_TRUE(monitor.wait_for_log(Pattern("member=NameLost"), 5s))
        << "dbus-monitor did not become a monitor: " << monitor.log();
    return monitor;
}

void DaemonTest::play_for(double seconds) {
    const auto periods = static_cast<std::uint64_t>(
        std::ceil(seconds * probe->sample_rate() / probe->buffer_size()));
    EXPECT_TRUE(probe->wait_for_periods(
        probe->periods() + periods,
        std::chrono::milliseconds(static_cast<long>(seconds * 1000.0) + 5000)))
        << seconds << " s of audio did not pass";
}

PrivateBus::Result DaemonTest::set(const std::string& property, const std::string& type,
                                   const std::string& value) {
    return bus->call({"set-property", kName, kPath, kInterface, property, "--", type, value});
}

void DaemonTest::reload(const std::string& settings, const ConfigText& text) {
    const Pattern done("Configuration reloaded");
    const std::size_t before = done.count_in(daemon->log());
    extra_settings = settings;
    write_config(text);
    daemon->signal(SIGHUP);
    ASSERT_TRUE(poll_until([&] { return done.count_in(daemon->log()) > before; },
                           std::chrono::seconds(10)))
        << daemon->log();
}

void DaemonTest::TearDown() {
    if (daemon) daemon->terminate();
    probe.reset();
    if (HasFailure() && daemon) ADD_FAILURE() << "preampd's log:\n" << daemon->log();
}

} // namespace preamp::test
