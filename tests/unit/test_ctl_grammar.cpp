// preampctl's command line: every form parses to the right Command, and every bad word is
// refused with a UsageError that names it and says what is allowed.

#include "core/InstanceName.hpp"
#include "ctl/Command.hpp"
#include "ctl/Globals.hpp"
#include "ctl/Help.hpp"
#include "ctl/UsageError.hpp"

#include <gtest/gtest.h>
#include <initializer_list>
#include <string>
#include <vector>

using namespace preamp::ctl;

namespace {

using Args = std::vector<std::string>;
using K = Change::Kind;

Command parse_line(const Args& args) {
    return parse(args);
}

Knob knob(const Args& args) {
    const Command c = parse(args);
    EXPECT_TRUE(std::holds_alternative<Knob>(c)) << args[0];
    return std::holds_alternative<Knob>(c) ? std::get<Knob>(c) : Knob{};
}

Change change(const Args& args) {
    const Knob k = knob(args);
    EXPECT_TRUE(k.change.has_value()) << args[0];
    return k.change.value_or(Change{});
}

// `f` must throw UsageError with a message containing every one of `parts`.
template <class F>
void expect_usage_error(F f, std::initializer_list<const char*> parts) {
    try {
        f();
        ADD_FAILURE() << "accepted";
    } catch (const UsageError& e) {
        for (const char* p : parts)
            EXPECT_NE(std::string(e.what()).find(p), std::string::npos)
                << "\"" << p << "\" not in: " << e.what();
    }
}

void expect_refused(const Args& args, std::initializer_list<const char*> parts) {
    expect_usage_error([&] { parse(args); }, parts);
}

Globals globals(Args& args) {
    return parse_globals(args);
}

} // namespace

// ---- volume -----------------------------------------------------------------------------

TEST(CtlVolume, NoArgumentPrints) {
    EXPECT_EQ(parse_line({"volume"}), Command(Knob{Knob::Name::volume, std::nullopt}));
}

TEST(CtlVolume, Absolute) {
    EXPECT_EQ(change({"volume", "-20dB"}), (Change{K::absolute, -20.0}));
    EXPECT_EQ(change({"volume", "-20"}), (Change{K::absolute, -20.0}));
    EXPECT_EQ(change({"volume", "-20.5dB"}), (Change{K::absolute, -20.5}));
    EXPECT_EQ(change({"volume", "-20db"}), (Change{K::absolute, -20.0}));
    EXPECT_EQ(change({"volume", "-20DB"}), (Change{K::absolute, -20.0}));
    EXPECT_EQ(change({"volume", "-20Db"}), (Change{K::absolute, -20.0}));
    EXPECT_EQ(change({"volume", "0"}), (Change{K::absolute, 0.0}));
    EXPECT_EQ(change({"volume", "-.5dB"}), (Change{K::absolute, -0.5}));
    EXPECT_EQ(change({"volume", "-1e1dB"}), (Change{K::absolute, -10.0}));
    // A plus sign is an absolute positive value, as in amixer; "3dB+" is the relative one.
    EXPECT_EQ(change({"volume", "+3dB"}), (Change{K::absolute, 3.0}));
    EXPECT_EQ(change({"volume", "3"}), (Change{K::absolute, 3.0}));
}

TEST(CtlVolume, LeadingMinusIsAValueNotAnOption) {
    Args args{"volume", "-20dB"};
    const Globals g = parse_globals(args);
    EXPECT_EQ(g, Globals{});
    EXPECT_EQ(args, (Args{"volume", "-20dB"}));
    EXPECT_EQ(change(args), (Change{K::absolute, -20.0}));
    // Even values that look like options of other programs.
    Args inf{"volume", "-inf"};
    parse_globals(inf);
    expect_refused(inf, {"\"-inf\"", "is not a volume"});
}

TEST(CtlVolume, Relative) {
    EXPECT_EQ(change({"volume", "2dB+"}), (Change{K::relative, 2.0}));
    EXPECT_EQ(change({"volume", "3dB-"}), (Change{K::relative, -3.0}));
    EXPECT_EQ(change({"volume", "2+"}), (Change{K::relative, 2.0}));
    EXPECT_EQ(change({"volume", "0.5-"}), (Change{K::relative, -0.5}));
    EXPECT_EQ(change({"volume", "1.5db+"}), (Change{K::relative, 1.5}));
    EXPECT_EQ(change({"volume", "1.5DB-"}), (Change{K::relative, -1.5}));
}

TEST(CtlVolume, Step) {
    EXPECT_EQ(change({"volume", "up"}), (Change{K::step, 1.0}));
    EXPECT_EQ(change({"volume", "down"}), (Change{K::step, -1.0}));
}

TEST(CtlVolume, BadValuesNamed) {
    for (const char* bad :
         {"loud",   "",     "dB",   "-",     "+",     "--20",     "+-3",    "-20dBdB",
          "-20 dB", " -20", "-20x", "2dB+-", "-2dB-", "+2dB+",    "2+dB",   "nan",
          "NaN",    "-nan", "inf",  "-inf",  "+inf",  "infinity", "1e999",  "-1e999",
          "0x10",   "1,5",  "Up",   "UP",    "1e",    ".",        "-20dB+x"}) {
        SCOPED_TRACE(bad);
        expect_refused({"volume", bad},
                       {(std::string("\"") + bad + "\" is not a volume").c_str(),
                        "-20dB (absolute)", "2dB+ / 3dB- (relative)", "up or down"});
    }
}

TEST(CtlVolume, TheMessageOfTheBrief) {
    try {
        parse({"volume", "loud"});
        FAIL() << "accepted";
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "\"loud\" is not a volume: use e.g. -20dB (absolute), 2dB+ / "
                               "3dB- (relative), up or down");
    }
}

TEST(CtlVolume, NoRangeCheckHere) {
    // The daemon knows the range; preampctl only insists on a finite number.
    EXPECT_EQ(change({"volume", "+300dB"}), (Change{K::absolute, 300.0}));
    EXPECT_EQ(change({"volume", "1e3dB-"}), (Change{K::relative, -1000.0}));
}

TEST(CtlVolume, TooManyArguments) {
    expect_refused({"volume", "-20", "dB"},
                   {"volume takes one argument at most", "\"-20\" \"dB\"",
                    "usage: preampctl volume [-20dB | 2dB+ | 3dB- | up | down]"});
}

// ---- bass, treble, balance ----------------------------------------------------------------

TEST(CtlTone, BassAndTrebleForms) {
    for (const char* name : {"bass", "treble"}) {
        SCOPED_TRACE(name);
        const auto which = std::string(name) == "bass" ? Knob::Name::bass : Knob::Name::treble;
        EXPECT_EQ(parse_line({name}), Command(Knob{which, std::nullopt}));
        EXPECT_EQ(knob({name, "+3dB"}), (Knob{which, Change{K::absolute, 3.0}}));
        EXPECT_EQ(change({name, "-2"}), (Change{K::absolute, -2.0}));
        EXPECT_EQ(change({name, "-2dB"}), (Change{K::absolute, -2.0}));
        EXPECT_EQ(change({name, "0"}), (Change{K::absolute, 0.0}));
        EXPECT_EQ(change({name, "1.5dB+"}), (Change{K::relative, 1.5}));
        EXPECT_EQ(change({name, "2dB-"}), (Change{K::relative, -2.0}));
        EXPECT_EQ(change({name, "2db-"}), (Change{K::relative, -2.0}));
        EXPECT_EQ(change({name, "1+"}), (Change{K::relative, 1.0}));
    }
}

TEST(CtlTone, BadValuesNamed) {
    for (const char* bad : {"up", "down", "lots", "nan", "inf", "3dBx", "", "+-1"}) {
        SCOPED_TRACE(bad);
        expect_refused({"bass", bad}, {(std::string("\"") + bad + "\" is not a bass level").c_str(),
                                       "+3dB or -2dB (absolute)", "1.5dB+ / 2dB- (relative)"});
        expect_refused({"treble", bad},
                       {(std::string("\"") + bad + "\" is not a treble level").c_str()});
    }
}

TEST(CtlBalance, Forms) {
    EXPECT_EQ(parse_line({"balance"}), Command(Knob{Knob::Name::balance, std::nullopt}));
    EXPECT_EQ(knob({"balance", "-0.5"}), (Knob{Knob::Name::balance, Change{K::absolute, -0.5}}));
    EXPECT_EQ(change({"balance", "0.25"}), (Change{K::absolute, 0.25}));
    EXPECT_EQ(change({"balance", "+0.25"}), (Change{K::absolute, 0.25}));
    EXPECT_EQ(change({"balance", "-1"}), (Change{K::absolute, -1.0}));
    EXPECT_EQ(change({"balance", "0.1+"}), (Change{K::relative, 0.1}));
    EXPECT_EQ(change({"balance", "0.1-"}), (Change{K::relative, -0.1}));
    EXPECT_EQ(change({"balance", "left"}), (Change{K::absolute, -1.0}));
    EXPECT_EQ(change({"balance", "center"}), (Change{K::absolute, 0.0}));
    EXPECT_EQ(change({"balance", "right"}), (Change{K::absolute, 1.0}));
    // No range check here: the daemon refuses 2 with its range.
    EXPECT_EQ(change({"balance", "2"}), (Change{K::absolute, 2.0}));
}

TEST(CtlBalance, BadValuesNamed) {
    for (const char* bad :
         {"0.5dB", "0.1dB+", "up", "centre", "middle", "nan", "-inf", "", "0.1+-", "--0.5"}) {
        SCOPED_TRACE(bad);
        expect_refused({"balance", bad},
                       {(std::string("\"") + bad + "\" is not a balance").c_str(), "-1 (left)",
                        "1 (right)", "0.1+ / 0.1- (relative)", "left, center or right"});
    }
}

// ---- switches -------------------------------------------------------------------------------

TEST(CtlSwitch, AllFormsOfAllSwitches) {
    const std::pair<const char*, Flag::Name> flags[] = {{"mute", Flag::Name::mute},
                                                        {"dim", Flag::Name::dim},
                                                        {"loudness", Flag::Name::loudness},
                                                        {"direct", Flag::Name::direct}};
    for (const auto& [word, name] : flags) {
        SCOPED_TRACE(word);
        EXPECT_EQ(parse_line({word}), Command(Flag{name, std::nullopt}));
        EXPECT_EQ(parse_line({word, "on"}), Command(Flag{name, Switch::on}));
        EXPECT_EQ(parse_line({word, "off"}), Command(Flag{name, Switch::off}));
        EXPECT_EQ(parse_line({word, "toggle"}), Command(Flag{name, Switch::toggle}));
    }
}

TEST(CtlSwitch, OnlyOnOffToggle) {
    for (const char* bad : {"1", "0", "yes", "no", "true", "false", "ON", "Off", "", "-1"}) {
        SCOPED_TRACE(bad);
        expect_refused(
            {"mute", bad},
            {(std::string("\"") + bad + "\" is not a mute setting").c_str(), "on, off or toggle"});
        expect_refused({"loudness", bad}, {"is not a loudness setting", "on, off or toggle"});
    }
    expect_refused({"dim", "on", "off"},
                   {"dim takes one argument at most", "usage: preampctl dim [on | off | toggle]"});
}

// ---- sources ----------------------------------------------------------------------------------

TEST(CtlSource, Forms) {
    EXPECT_EQ(parse_line({"source"}), Command(Source{}));
    EXPECT_EQ(parse_line({"source", "phono"}), Command(Source{"phono"}));
    // Whether it exists is the daemon's to say: it knows the sources.
    EXPECT_EQ(parse_line({"source", "nosuch"}), Command(Source{"nosuch"}));
    expect_refused({"source", ""}, {"\"\" is not a source name", "preampctl source [NAME]"});
    expect_refused({"source", "cd", "phono"},
                   {"source takes one argument at most", "preampctl source [NAME]"});
}

TEST(CtlRecSource, Forms) {
    EXPECT_EQ(parse_line({"rec-source"}), Command(RecSource{}));
    EXPECT_EQ(parse_line({"rec-source", "cd"}), Command(RecSource{"cd"}));
    // follow is "" on D-Bus: rec_out follows Source.
    EXPECT_EQ(parse_line({"rec-source", "follow"}), Command(RecSource{""}));
    expect_refused({"rec-source", ""}, {"\"\" is not a source name"});
    expect_refused({"rec-source", "cd", "follow"}, {"rec-source takes one argument at most",
                                                    "usage: preampctl rec-source [NAME | follow]"});
}

// ---- the rest ---------------------------------------------------------------------------------

TEST(CtlOther, StatusMonitorLevels) {
    EXPECT_EQ(parse_line({"status"}), Command(Status{}));
    EXPECT_EQ(parse_line({"monitor"}), Command(Monitor{}));
    EXPECT_EQ(parse_line({"levels"}), Command(Levels{false}));
    EXPECT_EQ(parse_line({"levels", "--watch"}), Command(Levels{true}));
    expect_refused({"status", "now"},
                   {"status takes no argument", "\"now\"", "usage: preampctl status"});
    expect_refused({"monitor", "x"}, {"monitor takes no argument", "usage: preampctl monitor"});
    expect_refused({"levels", "-w"},
                   {"\"-w\" is not an option of levels", "usage: preampctl levels [--watch]"});
    expect_refused({"levels", "--watch", "--watch"}, {"levels takes one argument at most"});
}

TEST(CtlOther, Help) {
    EXPECT_EQ(parse_line({"help"}), Command(Help{}));
    EXPECT_EQ(parse_line({"help", "volume"}), Command(Help{"volume"}));
    EXPECT_EQ(parse_line({"help", "rec-source"}), Command(Help{"rec-source"}));
    EXPECT_EQ(parse_line({"volume", "--help"}), Command(Help{"volume"}));
    EXPECT_EQ(parse_line({"balance", "-h"}), Command(Help{"balance"}));
    EXPECT_EQ(parse_line({"mute", "on", "--help"}), Command(Help{"mute"}));
    EXPECT_EQ(parse_line({"help", "--help"}), Command(Help{}));
    expect_refused({"help", "vol"}, {"help: unknown command \"vol\"", "status, volume"});
    expect_refused({"help", "volume", "mute"}, {"help takes one argument at most"});
}

TEST(CtlOther, UnknownCommandListsTheCommands) {
    for (const char* bad : {"vol", "Volume", "mute-toggle", "-20dB", ""}) {
        SCOPED_TRACE(bad);
        expect_refused({bad}, {(std::string("unknown command \"") + bad + "\"").c_str(),
                               "status, volume, mute, dim, loudness, direct, source, "
                               "rec-source, bass, treble, balance, levels, monitor, help"});
    }
    expect_refused({}, {"no command given", "status, volume"});
}

// ---- global options ------------------------------------------------------------------------

TEST(CtlGlobals, Defaults) {
    Args args{"status"};
    EXPECT_EQ(globals(args), Globals{});
    EXPECT_EQ(args, Args{"status"});
    Args empty;
    EXPECT_EQ(globals(empty), Globals{});
}

TEST(CtlGlobals, AnywhereBeforeTheCommand) {
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
    EXPECT_EQ(args, (Args{"volume", "-20dB"}));
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
    for (const char* bad : {"--jason", "-x", "--watch", "-20dB", "--help=volume"}) {
        SCOPED_TRACE(bad);
        Args args{bad, "status"};
        expect_usage_error([&] { globals(args); },
                           {(std::string("unknown option \"") + bad + "\"").c_str(), "--json",
                            "before the command"});
    }
}

TEST(CtlGlobals, OnlyBeforeTheCommand) {
    // After the command, the words are the command's: parse_globals leaves them alone...
    Args args{"volume", "--json"};
    EXPECT_EQ(globals(args), Globals{});
    EXPECT_EQ(args, (Args{"volume", "--json"}));
    // ...and parse() says where the option belongs.
    expect_refused(args,
                   {"\"--json\" is an option", "before the command", "preampctl --json volume"});
    expect_refused({"status", "-i", "zone2"}, {"\"-i\" is an option", "preampctl -i NAME status"});
    expect_refused({"mute", "on", "--system"}, {"\"--system\" is an option"});
    expect_refused({"levels", "--instance=zone2"}, {"\"--instance=zone2\" is an option"});
    expect_refused({"source", "--session"}, {"\"--session\" is an option"});
    expect_refused({"monitor", "--version"}, {"\"--version\" is an option"});
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
                        "balance", "levels", "monitor",    "help"};
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
          "--session", "--system", "-h, --help", "--version", "0 ok", "1 rejected by the daemon",
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
