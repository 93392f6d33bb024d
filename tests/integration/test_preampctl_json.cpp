// preampctl's one JSON vocabulary against a real preampd: the same snake_case keys with
// units and the same types in every command and in monitor (a double always a float,
// null where the text shows "-"); options anywhere on the line; and levels while the
// daemon waits for JACK, which says so and exits 4.

#include "PollUntil.hpp"
#include "PreampctlTest.hpp"

#include <csignal>
#include <gtest/gtest.h>

namespace preamp::test {
namespace {

constexpr const char* kStatusShape =
    "{source:str,rec_source:str,volume_db:float,volume_ceiling_db:float,bypass:bool,mute:bool,dim:"
    "bool,bass_db:float,"
    "treble_db:float,balance:float,loudness:bool,direct:bool,mono:bool,swap:bool,"
    "polarity:[str],state:str,standby:bool,standby_in_s:null,sample_rate_hz:int,"
    "buffer_size_frames:int,xruns:int,dsp_load_percent:float,callback_us:{mean:float,max:"
    "float},sources:[{name:str,label:str}]}";

TEST_F(PreampctlTest, StatusJsonHasTheKeysAndTypesOfTheManPage) {
    start();
    const auto r = ctl({"--json", "status"});
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(json_shape(r.out), kStatusShape) << r.out;
    EXPECT_NE(r.out.find("\"volume_db\": -12.0,"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"sample_rate_hz\": 48000,"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"label\": \"Turntable\""), std::string::npos) << r.out;
}

TEST_F(PreampctlTest, EveryCommandSpeaksTheVocabularyOfStatus) {
    start();
    const std::pair<std::vector<std::string>, const char*> commands[] = {
        {{"volume"}, "{volume_db:float}"},         {{"volume", "-30dB"}, "{volume_db:float}"},
        {{"volume", "2dB+"}, "{volume_db:float}"}, {{"bass", "+3dB"}, "{bass_db:float}"},
        {{"treble"}, "{treble_db:float}"},         {{"balance", "center"}, "{balance:float}"},
        {{"mute", "toggle"}, "{mute:bool}"},       {{"dim"}, "{dim:bool}"},
        {{"loudness"}, "{loudness:bool}"},         {{"direct", "off"}, "{direct:bool}"},
        {{"source", "phono"}, "{source:str}"},     {{"rec-source"}, "{rec_source:str}"},
    };
    for (const auto& [args, shape] : commands) {
        std::vector<std::string> line{"--json"};
        line.insert(line.end(), args.begin(), args.end());
        const auto r = ctl(line);
        EXPECT_EQ(r.status, 0) << args[0] << ": " << r.out;
        EXPECT_EQ(json_shape(r.out), shape) << args[0] << ": " << r.out;
    }
    EXPECT_EQ(ctl({"--json", "volume", "-20"}).out, "{\"volume_db\": -20.0}\n");
    EXPECT_EQ(ctl({"--json", "balance", "left"}).out, "{\"balance\": -1.0}\n");
    EXPECT_EQ(ctl({"--json", "rec-source"}).out, "{\"rec_source\": \"\"}\n") << "follows";
    const auto levels = ctl({"--json", "levels"});
    EXPECT_EQ(levels.status, 0) << levels.out;
    EXPECT_TRUE(
        Pattern(
            R"(\{levels:\[\{port:str,peak_dbfs:(float|null),rms_dbfs:(float|null),clips:int\}\]\})")
            .match(json_shape(levels.out))
            .has_value())
        << levels.out;
}

TEST_F(PreampctlTest, MonitorJsonSpeaksTheVocabularyOfStatus) {
    start();
    ProcessOptions o;
    o.env = bus->env();
    DaemonProcess monitor(preampctl_, {"--json", "monitor"}, o);
    // Until its subscription is in place, changes pass unseen: change until one shows.
    int n = 0;
    EXPECT_TRUE(poll_until(
        [&] {
            set("Volume", "d", ++n % 2 ? "-20" : "-21");
            return monitor.wait_for_log(Pattern(R"(\{"volume_db": -2[01]\.0\}\n)"), 100ms);
        },
        5s))
        << monitor.log();
    set("Source", "s", "phono");
    set("Mute", "b", "true");
    set("Bass", "d", "3");
    set("Balance", "d", "-1");
    for (const char* line : {R"(\{"source": "phono"\}\n)", R"(\{"mute": true\}\n)",
                             R"(\{"bass_db": 3\.0\}\n)", R"(\{"balance": -1\.0\}\n)"})
        EXPECT_TRUE(monitor.wait_for_log(Pattern(line), 2s)) << line << " in\n" << monitor.log();
    EXPECT_EQ(monitor.log().find("Volume"), std::string::npos) << monitor.log();
    monitor.signal(SIGINT);
    EXPECT_TRUE(monitor.wait_exit(2s).has_value());
}

TEST_F(PreampctlTest, OptionsGoAnywhereOnTheLine) {
    start();
    auto r = ctl({"volume", "-20dB", "--json"});
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "{\"volume_db\": -20.0}\n");
    r = ctl({"volume", "--session", "-3"});
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "-3 dB\n");
    EXPECT_EQ(get("Volume"), "d -3");
    r = ctl({"mute", "on", "--json"});
    EXPECT_EQ(r.out, "{\"mute\": true}\n");
    r = ctl({"volume", "--", "-25"});
    EXPECT_EQ(r.out, "-25 dB\n");
    r = ctl({"volume", "-25", "--jason"});
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("unknown option \"--jason\""), std::string::npos) << r.out;
}

class WaitingForJackTest : public PreampctlTest {
protected:
    void SetUp() override {
        PreampctlTest::SetUp();
        if (IsSkipped()) return;
        server.stop();
        write_config();
        start_daemon();
        ASSERT_TRUE(daemon->wait_for_log(Pattern("Waiting for JACK"), 3s));
        ASSERT_TRUE(bus->wait_for_name(kName, 3s));
    }
};

TEST_F(WaitingForJackTest, StatusJsonIsNullWhereTheTextShowsADash) {
    const auto r = ctl({"--json", "status"});
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(json_shape(r.out),
              Pattern("sample_rate_hz:int,buffer_size_frames:int,(.*),"
                      "callback_us:\\{mean:float,max:float\\}")
                  .replace(kStatusShape,
                           "sample_rate_hz:null,buffer_size_frames:null,$1,callback_us:null"))
        << r.out;
    EXPECT_NE(r.out.find("\"state\": \"waiting-for-jack\""), std::string::npos) << r.out;
}

TEST_F(WaitingForJackTest, LevelsSaySoAndExit4) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"levels"}, {"--json", "levels"}}) {
        const auto r = ctl(args);
        EXPECT_EQ(r.status, 4) << r.out;
        EXPECT_EQ(r.out, "preampctl: preampd is waiting for its JACK server: no levels until "
                         "it runs on JACK\n");
    }
    ProcessOptions o;
    o.env = bus->env();
    DaemonProcess watch(preampctl_, {"levels", "--watch"}, o);
    EXPECT_TRUE(watch.wait_for_log(Pattern("preampd is waiting for its JACK server"), 3s))
        << watch.log();
    watch.signal(SIGINT);
    const auto status = watch.wait_exit(2s);
    ASSERT_TRUE(status.has_value());
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << describe_status(*status);
}

} // namespace
} // namespace preamp::test
