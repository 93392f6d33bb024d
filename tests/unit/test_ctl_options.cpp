// preampctl's own options (--json, -i NAME, --session, --system, --help, --version):
// anywhere on the line, never taking a negative value for one; and the help text.

#include "CtlExpect.hpp"
#include "core/InstanceName.hpp"
#include "ctl/Command.hpp"
#include "ctl/Globals.hpp"
#include "ctl/Help.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace preamp::ctl;
using namespace preamp::ctl::test;

namespace {

Globals globals(Args& args) {
    return parse_globals(args);
}

// What main does: the options, then the command.
Command line(Args args, Globals* g = nullptr) {
    const Globals parsed = parse_globals(args);
    if (g) *g = parsed;
    return parse(args);
}

} // namespace

// ---- global options ------------------------------------------------------------------------

TEST(CtlGlobals, Defaults) {
    Args args{"status"};
    EXPECT_EQ(globals(args), Globals{});
    EXPECT_EQ(args, Args{"status"});
    Args empty;
    EXPECT_EQ(globals(empty), Globals{});
}

TEST(CtlGlobals, BeforeTheCommand) {
    Args args{"-i", "zone2", "--json", "volume"};
    const Globals g = globals(args);
    EXPECT_TRUE(g.json);
    EXPECT_EQ(g.instance, "zone2");
    EXPECT_EQ(g.bus, Bus::any);
    EXPECT_EQ(args, Args{"volume"});

    Args other{"--system", "--json", "--instance", "living-room_2", "mute", "toggle"};
    const Globals h = globals(other);
    EXPECT_TRUE(h.json);
    EXPECT_EQ(h.instance, "living-room_2");
    EXPECT_EQ(h.bus, Bus::system);
    EXPECT_EQ(other, (Args{"mute", "toggle"}));
    EXPECT_EQ(parse(other), Command(Flag{Flag::Name::mute, Switch::toggle}));
}

TEST(CtlGlobals, AttachedInstanceForms) {
    Args a{"--instance=zone2", "status"};
    EXPECT_EQ(globals(a).instance, "zone2");
    Args b{"-izone3", "status"};
    EXPECT_EQ(globals(b).instance, "zone3");
}

TEST(CtlGlobals, Buses) {
    Args s{"--session", "status"};
    EXPECT_EQ(globals(s).bus, Bus::session);
    Args u{"--user", "status"}; // DESIGN.md's spelling
    EXPECT_EQ(globals(u).bus, Bus::session);
    Args twice{"--system", "--system", "status"};
    EXPECT_EQ(globals(twice).bus, Bus::system);
}

TEST(CtlGlobals, SessionAndSystemRefused) {
    for (Args args : {Args{"--session", "--system", "status"}, Args{"--system", "--user"}}) {
        expect_usage_error([&] { globals(args); }, {"--session or --system"});
    }
}

TEST(CtlGlobals, HelpAndVersion) {
    Args h{"-h"};
    EXPECT_TRUE(globals(h).help);
    EXPECT_TRUE(h.empty());
    Args help{"--help", "volume"};
    EXPECT_TRUE(globals(help).help);
    EXPECT_EQ(help, Args{"volume"});
    Args v{"--version"};
    EXPECT_TRUE(globals(v).version);
}

TEST(CtlGlobals, DoubleDashEndsOptions) {
    Args args{"--json", "--", "volume", "-20dB"};
    EXPECT_TRUE(globals(args).json);
    EXPECT_EQ(args, (Args{"--", "volume", "-20dB"})) << "parse() drops it";
    EXPECT_EQ(parse(args), Command(Knob{Knob::Name::volume, Change{Change::Kind::absolute, -20}}));
    Args after{"volume", "--", "--json"};
    EXPECT_FALSE(globals(after).json);
    EXPECT_EQ(after, (Args{"volume", "--", "--json"}));
    expect_refused(after, {"\"--json\" is not a volume"});
}

TEST(CtlGlobals, InstanceNames) {
    using preamp::core::valid_instance_name;
    EXPECT_TRUE(valid_instance_name("zone2"));
    EXPECT_TRUE(valid_instance_name("a"));
    EXPECT_TRUE(valid_instance_name("living_room"));
    EXPECT_TRUE(valid_instance_name(std::string(32, 'z')));
    EXPECT_FALSE(valid_instance_name(""));
    EXPECT_FALSE(valid_instance_name(std::string(33, 'z')));
    EXPECT_FALSE(valid_instance_name("Zone2"));
    EXPECT_FALSE(valid_instance_name("zone.2"));
    EXPECT_FALSE(valid_instance_name("zone 2"));
    EXPECT_FALSE(valid_instance_name("2")) << "org.preampd.Preamp.2 is no D-Bus name";
    EXPECT_TRUE(valid_instance_name("zone-2"));

    for (Args args : {Args{"-i", "Zone2", "status"}, Args{"--instance=zone.2", "status"},
                      Args{"-i", std::string(33, 'z'), "status"}, Args{"--instance=", "status"}}) {
        expect_usage_error([&] { globals(args); },
                           {"is not a valid instance name", preamp::core::kInstanceNameRule});
    }
    Args zone2{"-i", "Zone2", "status"};
    expect_usage_error([&] { globals(zone2); }, {"-i \"Zone2\""});
}

TEST(CtlGlobals, InstanceNeedsAName) {
    for (Args args : {Args{"-i"}, Args{"--instance"}, Args{"-i", "--json", "status"}}) {
        expect_usage_error([&] { globals(args); }, {"needs an instance NAME"});
    }
    Args twice{"-i", "a", "-i", "b", "status"};
    expect_usage_error([&] { globals(twice); }, {"-i given twice", "\"a\"", "\"b\""});
}

TEST(CtlGlobals, UnknownOption) {
    for (const char* bad : {"--jason", "-x", "--help=volume"}) {
        SCOPED_TRACE(bad);
        for (Args args : {Args{bad, "status"}, Args{"status", bad}}) {
            expect_usage_error([&] { globals(args); },
                               {(std::string("unknown option \"") + bad + "\"").c_str(),
                                "--json", "-i NAME", "--watch"});
        }
    }
}

TEST(CtlGlobals, AnywhereOnTheLine) {
    // As wpctl, systemctl and git take them: after the command, after its value.
    Globals g;
    EXPECT_EQ(line({"volume", "-20dB", "--json"}, &g),
              Command(Knob{Knob::Name::volume, Change{Change::Kind::absolute, -20.0}}));
    EXPECT_TRUE(g.json);
    EXPECT_EQ(line({"status", "-i", "zone2"}, &g), Command(Status{}));
    EXPECT_EQ(g.instance, "zone2");
    EXPECT_EQ(line({"mute", "on", "--system"}, &g), Command(Flag{Flag::Name::mute, Switch::on}));
    EXPECT_EQ(g.bus, Bus::system);
    EXPECT_EQ(line({"levels", "--instance=zone2", "--watch", "--session"}, &g),
              Command(Levels{true}));
    EXPECT_EQ(g.instance, "zone2");
    EXPECT_EQ(g.bus, Bus::session);
    EXPECT_EQ(line({"-izone3", "balance", "--json", "-0.5"}, &g),
              Command(Knob{Knob::Name::balance, Change{Change::Kind::absolute, -0.5}}));
    EXPECT_EQ(g.instance, "zone3");
    EXPECT_TRUE(g.json);
    EXPECT_EQ(line({"--json", "levels", "--watch"}, &g), Command(Levels{true}));
    EXPECT_EQ(line({"--watch", "--json", "levels"}, &g), Command(Levels{true}));
    EXPECT_EQ(line({"monitor", "--version"}, &g), Command(Monitor{}));
    EXPECT_TRUE(g.version);
    // The errors of the options are the same wherever they are.
    Args twice{"volume", "-i", "a", "-3", "-i", "b"};
    expect_usage_error([&] { globals(twice); }, {"-i given twice"});
    Args buses{"status", "--session", "--system"};
    expect_usage_error([&] { globals(buses); }, {"--session or --system"});
    Args missing{"status", "-i"};
    expect_usage_error([&] { globals(missing); }, {"-i needs an instance NAME"});
}

TEST(CtlGlobals, NegativeValuesAreNoOptions) {
    for (const char* value : {"-20dB", "-3", "-.5", "-0.1", "-1e1dB", "-2dB-", "-", "--20"}) {
        SCOPED_TRACE(value);
        EXPECT_FALSE(is_option(value));
        Args args{"--json", "volume", value, "--system"};
        const Globals g = globals(args);
        EXPECT_TRUE(g.json);
        EXPECT_EQ(g.bus, Bus::system);
        EXPECT_EQ(args, (Args{"volume", value}));
    }
    // Spelled non-finite numbers are values too, refused as such (not -i "nf").
    for (const char* value : {"-inf", "-INF", "-nan", "-NaN", "-infinity"}) {
        SCOPED_TRACE(value);
        EXPECT_FALSE(is_option(value));
        Args args{"volume", value};
        EXPECT_EQ(globals(args), Globals{});
        expect_refused(args, {(std::string("\"") + value + "\" is not a volume").c_str()});
    }
    for (const char* option : {"--json", "-i", "-izone2", "-h", "--watch", "-x"})
        EXPECT_TRUE(is_option(option)) << option;
}

TEST(CtlGlobals, HelpAfterTheCommandIsTheCommandsHelp) {
    Globals g;
    EXPECT_EQ(line({"volume", "--help"}, &g), Command(Help{"volume"}));
    EXPECT_FALSE(g.help);
    EXPECT_EQ(line({"--json", "mute", "on", "-h"}, &g), Command(Help{"mute"}));
    Args before{"--help", "volume"};
    EXPECT_TRUE(globals(before).help) << "before the command: the whole help";
}

// ---- help text -------------------------------------------------------------------------------

TEST(CtlHelp, UsageLines) {
    EXPECT_STREQ(usage("volume"), "preampctl volume [-20dB | 2dB+ | 3dB- | up | down]");
    EXPECT_STREQ(usage("rec-source"), "preampctl rec-source [NAME | follow]");
    EXPECT_EQ(usage("nosuch"), nullptr);
    EXPECT_EQ(usage(""), nullptr);
}

TEST(CtlHelp, EveryCommandHasUsageAndHelpAndIsInTheText) {
    const std::string text = help_text();
    const Args commands{"status",  "volume", "mute",       "dim",  "loudness",
                        "direct",  "source", "rec-source", "bass", "treble",
                        "balance", "levels", "monitor",    "save", "help"};
    for (const std::string& c : commands) {
        SCOPED_TRACE(c);
        const char* u = usage(c);
        ASSERT_NE(u, nullptr);
        EXPECT_EQ(std::string(u).rfind("preampctl " + c, 0), 0u) << u;
        // The --help text shows each usage line without the program name.
        EXPECT_NE(text.find("\n  " + std::string(u).substr(10) + "\n"), std::string::npos);
        const std::string h = command_help(c);
        EXPECT_EQ(h.rfind(std::string("Usage: ") + u + "\n\n", 0), 0u) << h;
        EXPECT_NO_THROW(parse({c})) << "every command has a form without arguments";
    }
    EXPECT_EQ(command_help("nosuch"), "");
}

TEST(CtlHelp, TextHasSynopsisOptionsAndExitCodes) {
    const std::string text = help_text();
    for (const char* part :
         {"Usage: preampctl [OPTIONS] COMMAND [ARGUMENT]", "--json", "-i, --instance NAME",
          "--session", "--system", "-h, --help", "--version", "Options (anywhere on the line", "0 ok", "1 rejected by the daemon",
          "2 usage error", "3 daemon not reachable"}) {
        EXPECT_NE(text.find(part), std::string::npos) << part;
    }
    // Fits a terminal.
    std::size_t start = 0;
    while (start < text.size()) {
        const auto nl = text.find('\n', start);
        ASSERT_NE(nl, std::string::npos) << "ends with a newline";
        EXPECT_LE(nl - start, 80u) << text.substr(start, nl - start);
        start = nl + 1;
    }
}
