// preampd's outputs beside rec_out and pre_out on a real jackd: sub_out and a speaker
// set registered with metadata, connected by config (again after a JACK restart and a
// reload), their levels measured with the probe; and their controls over D-Bus and
// preampctl (set, read back, refused with the allowed values, announced, in JSON).

#include "Measure.hpp"
#include "PollUntil.hpp"
#include "PreampctlTest.hpp"

#include <cmath>
#include <csignal>
#include <fstream>
#include <gtest/gtest.h>
#include <jack/metadata.h>
#include <sstream>

namespace preamp::test {
namespace {

using namespace std::chrono_literals;

// The magnitude in dB of the Linkwitz-Riley 4th-order low-pass at f for crossover fc:
// two Butterworth sections, |H| = |H_bw|^2 = 1 / (1 + (f/fc)^4) (-6.02 dB at fc).
double lr4_lowpass_db(double f, double fc) {
    return 20.0 * std::log10(1.0 / (1.0 + std::pow(f / fc, 4.0)));
}

struct Outputs {
    bool bass_management = true;
    bool speakers = true;
    std::string bass = "crossover_hz = 80.0;";
};

class OutputsTest : public PreampctlTest {
protected:
    /// Input cd from probe:cd_L/R; pre_out, rec_out to the probe; with bass management
    /// sub_out to probe:sub, with speakers set b ("Nearfields", -6 dB, off at start) to
    /// probe:b_L/R.
    void write_outputs(const Outputs& o = {}) const {
        std::ofstream f(config_path());
        f << "inputs = ( { name = \"cd\"; label = \"CD Player\";"
             " connect = [\"probe:cd_L\", \"probe:cd_R\"]; } );\n"
             "outputs: { pre_out = { connect = [\"probe:pre_L\", \"probe:pre_R\"]; };\n"
             "           rec_out = { connect = [\"probe:rec_L\", \"probe:rec_R\"]; };\n";
        if (o.bass_management) f << "           sub_out = { connect = [\"probe:sub\"]; };\n";
        f << "};\n";
        if (o.bass_management) f << "bass_management: { " << o.bass << " };\n";
        if (o.speakers)
            f << "speakers = ( { name = \"b\"; label = \"Nearfields\"; trim_db = -6.0;"
                 " connect = [\"probe:b_L\", \"probe:b_R\"]; } );\n";
        f << "volume: { ramp_ms = 5.0; default_db = -12.0; startup_max_db = -6.0; };\n"
             "state: { file = \""
          << state_path() << "\"; };\n";
    }
    void open_outputs_probe() {
        open_probe();
        for (const char* p : {"sub", "b_L", "b_R"})
            probe->add_input(p);
    }
    void start_outputs(const Outputs& o = {}) {
        write_outputs(o);
        open_outputs_probe();
        start_daemon();
        ASSERT_TRUE(running());
        ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    }
    /// busctl set-property with every word of `value` an argument ("as 2 a b").
    PrivateBus::Result set_words(const std::string& property, std::vector<std::string> words) {
        std::vector<std::string> args{"set-property", kName, kPath, kInterface, property, "--"};
        args.insert(args.end(), words.begin(), words.end());
        return bus->call(args);
    }
    /// The rms (dBFS) GetLevels gives `port` over `seconds` of audio; NAN if absent.
    double levels_rms(const std::string& port, double seconds) {
        (void)bus->call({"call", "--", kName, kPath, kInterface, "GetLevels"}); // restart
        probe->record(seconds);
        const auto r = bus->call({"call", "--", kName, kPath, kInterface, "GetLevels"});
        std::istringstream in(r.out);
        std::string word;
        while (in >> word)
            if (word == "\"" + port + "\"") {
                std::string peak, rms;
                in >> peak >> rms;
                return rms == "-inf" ? -INFINITY : std::stod(rms);
            }
        return NAN;
    }
};

TEST_F(OutputsTest, SubOutAndASpeakerSetCarryMetadataAfterPreOut) {
    start_outputs();
    const std::vector<std::tuple<std::string, std::string, std::string, int>> want = {
        {"preamp:pre_out_R", "Pre Out R", "Pre Out", 6},
        {"preamp:sub_out", "Subwoofer", "Subwoofer", 7},
        {"preamp:pre_out_b_L", "Nearfields L", "Nearfields", 8},
        {"preamp:pre_out_b_R", "Nearfields R", "Nearfields", 9}};
    for (const auto& [port, pretty, group, order] : want) {
        SCOPED_TRACE(port);
        ASSERT_TRUE(probe->wait_for_port(port, 2s));
        EXPECT_EQ(probe->property(port, JACK_METADATA_PRETTY_NAME), pretty);
        EXPECT_EQ(probe->property(port, JACK_METADATA_PORT_GROUP), group);
        EXPECT_EQ(probe->property(port, JACK_METADATA_ORDER), std::to_string(order));
    }
    EXPECT_EQ(probe->ports("^preamp:").size(), 9u) << "cd, rec_out, pre_out, sub_out, b";
    EXPECT_EQ(get("BassManagement"), "b true");
    EXPECT_EQ(get("SpeakerSets"), "a(ss) 2 \"a\" \"Main\" \"b\" \"Nearfields\"");
}

TEST_F(OutputsTest, TwoSubChannelsAreSubOutLAndR) {
    write_outputs({.bass = "channels = 2;"});
    // Both sub ports to probe:sub and probe:extra.
    std::string text = read_file(config_path());
    text.replace(text.find("[\"probe:sub\"]"), 13, "[\"probe:sub\", \"probe:extra\"]");
    std::ofstream(config_path()) << text;
    open_outputs_probe();
    start_daemon();
    ASSERT_TRUE(running());
    EXPECT_TRUE(probe->wait_for_connection("preamp:sub_out_L", "probe:sub", 2s));
    EXPECT_TRUE(probe->wait_for_connection("preamp:sub_out_R", "probe:extra", 2s));
    EXPECT_EQ(probe->property("preamp:sub_out_R", JACK_METADATA_PRETTY_NAME), "Subwoofer R");
    EXPECT_FALSE(probe->port_exists("preamp:sub_out"));
}

TEST_F(OutputsTest, ConnectedByConfigAndAgainAfterAJackRestart) {
    start_outputs();
    EXPECT_TRUE(probe->wait_for_connection("preamp:sub_out", "probe:sub", 2s));
    EXPECT_TRUE(probe->wait_for_connection("preamp:pre_out_b_L", "probe:b_L", 2s));
    EXPECT_TRUE(probe->wait_for_connection("preamp:pre_out_b_R", "probe:b_R", 2s));

    server.kill();
    ASSERT_TRUE(daemon->wait_for_log(Pattern("JACK server went away"), 3s));
    server.restart();
    probe->reopen();
    EXPECT_TRUE(probe->wait_for_connection("preamp:sub_out", "probe:sub", 3s));
    EXPECT_TRUE(probe->wait_for_connection("preamp:pre_out_b_R", "probe:b_R", 3s));
}

TEST_F(OutputsTest, ABassSineReachesSubOutAtItsLevelAndASetOffIsSilent) {
    start_outputs();
    ASSERT_TRUE(probe->wait_for_connection("preamp:sub_out", "probe:sub", 2s));
    ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_b_L", "probe:b_L", 2s));
    for (const char* p : {"cd_L", "cd_R"})
        probe->play(p, Sine{40.0, 0.5});
    play_for(0.3); // past the fade-in and the filters' settling
    probe->record(1.0);
    const auto rec = probe->samples("rec_L");
    const auto sub = probe->samples("sub");
    const std::size_t from = 4800; // a tenth of a second in
    // sub_out = LR4 low-pass of (L+R)/2 = the 40 Hz sine, at volume (-12 dB) and 0 dB level.
    EXPECT_NEAR(rms_db(sub, from) - rms_db(rec, from), -12.0 + lr4_lowpass_db(40.0, 80.0), 0.05);
    EXPECT_EQ(peak_db(probe->samples("b_L")), -INFINITY) << "set b is off at start";

    const double expected = 20.0 * std::log10(0.5 / std::sqrt(2.0)) - 12.0 + lr4_lowpass_db(40, 80);
    EXPECT_NEAR(levels_rms("sub_out", 0.5), expected, 0.1);
    EXPECT_EQ(levels_rms("pre_out_b_R", 0.3), -INFINITY);

    // SubLevel moves it; set b on: the mains 6 dB down (its trim), at 1 kHz above the
    // crossover.
    ASSERT_EQ(set("SubLevel", "d", "-6").status, 0);
    play_for(0.1);
    EXPECT_NEAR(levels_rms("sub_out", 0.5), expected - 6.0, 0.1);
    ASSERT_EQ(set_words("Speakers", {"as", "2", "a", "b"}).status, 0);
    for (const char* p : {"cd_L", "cd_R"})
        probe->play(p, Sine{1000.0, 0.5});
    play_for(0.2);
    probe->record(0.5);
    const auto pre = probe->samples("pre_L");
    const auto b = probe->samples("b_L");
    EXPECT_NEAR(rms_db(b, from) - rms_db(pre, from), -6.0, 0.05);
    EXPECT_NEAR(levels_rms("pre_out_b_L", 0.3) - levels_rms("pre_out_L", 0.3), -6.0, 0.1);
}

TEST_F(OutputsTest, EveryNewPropertyIsSetReadBackAndAnnounced) {
    start_outputs();
    DaemonProcess& monitor = monitor_changes();
    EXPECT_EQ(get("Channels"), "as 2 \"L\" \"R\"");
    EXPECT_EQ(get("SubLevelRange"), "(dd) -20 10");
    EXPECT_EQ(get("Crossover"), "d 80");
    const std::vector<std::tuple<std::string, std::vector<std::string>, std::string, std::string>>
        writes = {{"SubEnabled", {"b", "false"}, "b false", "boolean false"},
                  {"SubLevel", {"d", "-4.5"}, "d -4.5", "double -4.5"},
                  {"Crossover", {"d", "120"}, "d 120", "double 120"},
                  {"SubDelay", {"d", "2.5"}, "d 2.5", "double 2.5"},
                  {"SubPolarity", {"s", "inverted"}, "s \"inverted\"", "string \"inverted\""},
                  {"Mono", {"b", "true"}, "b true", "boolean true"},
                  {"Swap", {"b", "true"}, "b true", "boolean true"},
                  {"Polarity",
                   {"as", "2", "normal", "inverted"},
                   "as 2 \"normal\" \"inverted\"",
                   "string \"inverted\""},
                  {"Speakers", {"as", "1", "b"}, "as 1 \"b\"", "string \"b\""}};
    for (const auto& [property, words, shown, announced] : writes) {
        SCOPED_TRACE(property);
        const auto r = set_words(property, words);
        EXPECT_EQ(r.status, 0) << r.out;
        EXPECT_EQ(get(property), shown);
        EXPECT_TRUE(monitor.wait_for_log(Pattern("\"" + property + "\"[^]*" + announced), 2s))
            << monitor.log();
    }
    // Saved in the state file.
    ASSERT_EQ(bus->call({"call", "--", kName, kPath, kInterface, "SaveState"}).status, 0);
    const std::string state = read_file(state_path());
    for (const char* key :
         {"sub_level_db", "crossover_hz", "sub_delay_ms", "mono", "swap", "polarity", "speakers"})
        EXPECT_NE(state.find(key), std::string::npos) << key << " in:\n" << state;
}

TEST_F(OutputsTest, RefusalsSayWhatIsAllowedAndChangeNothing) {
    start_outputs();
    const std::vector<std::tuple<std::string, std::vector<std::string>, std::string>> bad = {
        {"SubLevel", {"d", "11"}, "sub level 11 dB is out of range: allowed -20 to 10 dB"},
        {"Crossover", {"d", "30"}, "crossover 30 Hz is out of range: allowed 40 to 250 Hz"},
        {"SubDelay", {"d", "25"}, "sub delay 25 ms is out of range: allowed 0 to 20 ms"},
        {"SubPolarity", {"s", "upside"}, "\"upside\" is not allowed: use normal or inverted"},
        {"Polarity", {"as", "2", "normal", "up"}, "\"up\" is not allowed: use normal or inverted"},
        {"Polarity", {"as", "1", "inverted"}, "give one per channel, 2 (L, R)"},
        {"Speakers", {"as", "1", "c"}, "unknown speaker set \"c\": the sets are a, b"},
        {"Speakers", {"as", "0"}, "at least one must be on"}};
    const auto all = [&] {
        std::string s;
        for (const char* p :
             {"SubLevel", "Crossover", "SubDelay", "SubPolarity", "Polarity", "Speakers"})
            s += get(p) + "; ";
        return s;
    };
    const std::string before = all();
    for (const auto& [property, words, message] : bad) {
        SCOPED_TRACE(property);
        const auto r = set_words(property, words);
        EXPECT_NE(r.status, 0) << "accepted";
        EXPECT_NE(r.out.find(message), std::string::npos) << r.out;
    }
    EXPECT_EQ(all(), before);
}

TEST_F(OutputsTest, WithoutBassManagementTheSubIsRefusedAndNoPortMade) {
    start_outputs({.bass_management = false, .speakers = false});
    EXPECT_FALSE(probe->port_exists("preamp:sub_out"));
    EXPECT_EQ(get("BassManagement"), "b false");
    EXPECT_EQ(get("SpeakerSets"), "a(ss) 1 \"a\" \"Main\"");
    const auto r = set("SubLevel", "d", "-3");
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.out.find("cannot set the sub level: there is no bass management"),
              std::string::npos)
        << r.out;
    auto c = ctl({"sub"});
    EXPECT_EQ(c.status, 1) << c.out;
    EXPECT_NE(c.out.find("preampd has no bass management"), std::string::npos) << c.out;
    c = ctl({"crossover", "100"});
    EXPECT_EQ(c.status, 1) << c.out;
    EXPECT_NE(c.out.find("cannot set the crossover: there is no bass management"),
              std::string::npos)
        << c.out;
    // status shows no sub lines and no speakers.
    c = ctl({"status"});
    EXPECT_EQ(c.out.find("sub level"), std::string::npos) << c.out;
    EXPECT_EQ(c.out.find("speakers"), std::string::npos) << c.out;
    EXPECT_NE(c.out.find("mono "), std::string::npos) << c.out;
}

TEST_F(OutputsTest, PreampctlCommandsPrintAndSet) {
    start_outputs();
    EXPECT_EQ(ctl({"sub"}).out, "sub        on\nsub level  0 dB\n");
    EXPECT_EQ(ctl({"sub", "-3dB"}).out, "sub        on\nsub level  -3 dB\n");
    EXPECT_EQ(ctl({"sub", "2dB+"}).out, "sub        on\nsub level  -1 dB\n");
    EXPECT_EQ(ctl({"sub", "20dB+"}).out, "sub        on\nsub level  10 dB\n")
        << "relative stops at the top";
    EXPECT_EQ(ctl({"sub", "toggle"}).out, "sub        off\nsub level  10 dB\n");
    EXPECT_EQ(get("SubEnabled"), "b false");
    EXPECT_EQ(ctl({"crossover", "100Hz"}).out, "100 Hz\n");
    EXPECT_EQ(get("Crossover"), "d 100");
    EXPECT_EQ(ctl({"sub-delay", "2.5"}).out, "2.5 ms\n");
    EXPECT_EQ(ctl({"sub-polarity", "inverted"}).out, "inverted\n");
    EXPECT_EQ(ctl({"mono", "on"}).out, "on\n");
    EXPECT_EQ(ctl({"swap", "toggle"}).out, "on\n");
    EXPECT_EQ(ctl({"polarity", "R", "inverted"}).out, "L normal, R inverted\n");
    EXPECT_EQ(ctl({"polarity", "inverted", "normal"}).out, "L inverted, R normal\n");
    EXPECT_EQ(ctl({"speakers", "a+b"}).out, "a+b\n");
    EXPECT_EQ(get("Speakers"), "as 2 \"a\" \"b\"");

    auto r = ctl({"crossover", "300"});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("allowed 40 to 250 Hz"), std::string::npos) << r.out;
    r = ctl({"polarity", "C", "inverted"});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("no channel \"C\": the channels are L, R"), std::string::npos) << r.out;
    r = ctl({"speakers", "a+z"});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("unknown speaker set \"z\""), std::string::npos) << r.out;

    const std::string status = ctl({"status"}).out;
    for (const char* line :
         {"mono          on\n", "swap          on\n", "polarity      L inverted, R normal\n",
          "speakers      a+b\n", "speaker sets  a (Main), b (Nearfields)\n", "sub           off\n",
          "sub level     10 dB\n", "crossover     100 Hz\n", "sub delay     2.5 ms\n",
          "sub polarity  inverted\n"})
        EXPECT_NE(status.find(line), std::string::npos) << line << "in:\n" << status;
}

TEST_F(OutputsTest, PreampctlJsonUsesTheSharedKeys) {
    start_outputs();
    EXPECT_EQ(ctl({"--json", "sub"}).out, "{\"sub_enabled\": true, \"sub_level_db\": 0.0}\n");
    EXPECT_EQ(ctl({"--json", "crossover"}).out, "{\"crossover_hz\": 80.0}\n");
    EXPECT_EQ(ctl({"--json", "sub-delay"}).out, "{\"sub_delay_ms\": 0.0}\n");
    EXPECT_EQ(ctl({"--json", "sub-polarity"}).out, "{\"sub_polarity\": \"normal\"}\n");
    EXPECT_EQ(ctl({"--json", "mono"}).out, "{\"mono\": false}\n");
    EXPECT_EQ(ctl({"--json", "swap"}).out, "{\"swap\": false}\n");
    EXPECT_EQ(ctl({"--json", "polarity"}).out, "{\"polarity\": [\"normal\", \"normal\"]}\n");
    EXPECT_EQ(ctl({"--json", "speakers", "b"}).out, "{\"speakers\": [\"b\"]}\n");
    const auto shape = json_shape(ctl({"--json", "status"}).out);
    for (const char* part :
         {"mono:bool,swap:bool,polarity:[str],speakers:[str],speaker_sets:[{name:str,label:str}],"
          "sub_enabled:bool,sub_level_db:float,crossover_hz:float,sub_delay_ms:float,"
          "sub_polarity:str"})
        EXPECT_NE(shape.find(part), std::string::npos) << shape;
}

TEST_F(OutputsTest, AReloadAddsAndRemovesSubOutAndASpeakerSet) {
    start_outputs({.bass_management = false, .speakers = false});
    ASSERT_TRUE(probe->wait_for_connection("preamp:pre_out_L", "probe:pre_L", 2s));
    EXPECT_FALSE(probe->port_exists("preamp:sub_out"));
    write_outputs();
    daemon->signal(SIGHUP);
    ASSERT_TRUE(daemon->wait_for_log(Pattern("Configuration reloaded"), 2s));
    EXPECT_TRUE(probe->wait_for_connection("preamp:sub_out", "probe:sub", 2s));
    EXPECT_TRUE(probe->wait_for_connection("preamp:pre_out_b_R", "probe:b_R", 2s));
    EXPECT_EQ(probe->property("preamp:pre_out_b_L", JACK_METADATA_PRETTY_NAME), "Nearfields L");
    EXPECT_EQ(get("BassManagement"), "b true");
    EXPECT_EQ(probe->connections("preamp:pre_out_L").size(), 1u) << "pre_out kept its link";

    write_outputs({.bass_management = false, .speakers = false});
    daemon->signal(SIGHUP);
    const auto reloads = [&] {
        std::size_t n = 0;
        for (auto at = daemon->log().find("Configuration reloaded"); at != std::string::npos;
             at = daemon->log().find("Configuration reloaded", at + 1))
            ++n;
        return n;
    };
    ASSERT_TRUE(poll_until([&] { return reloads() == 2; }, 2s)) << daemon->log();
    EXPECT_TRUE(poll_until(
        [&] {
            return !probe->port_exists("preamp:sub_out") &&
                   !probe->port_exists("preamp:pre_out_b_L") &&
                   !probe->port_exists("preamp:pre_out_b_R");
        },
        2s));
    EXPECT_EQ(get("BassManagement"), "b false");
    EXPECT_TRUE(daemon->alive());
}

} // namespace
} // namespace preamp::test
