// preampctl's command line: every form parses to the right Command, and every bad word is
// refused with a UsageError that names it and says what is allowed.

#include "CtlExpect.hpp"
#include "ctl/Command.hpp"
#include "ctl/Globals.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace preamp::ctl;
using namespace preamp::ctl::test;

namespace {

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
    const std::pair<const char*, Flag::Name> flags[] = {
        {"mute", Flag::Name::mute},         {"dim", Flag::Name::dim},
        {"loudness", Flag::Name::loudness}, {"direct", Flag::Name::direct},
        {"mono", Flag::Name::mono},         {"swap", Flag::Name::swap}};
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
        expect_refused({"mono", bad}, {"is not a mono setting", "on, off or toggle"});
        expect_refused({"swap", bad}, {"is not a swap setting", "on, off or toggle"});
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
    EXPECT_EQ(parse_line({"levels", "--watch", "--watch"}), Command(Levels{true}));
    expect_refused({"levels", "now"}, {"levels takes no argument", "\"now\""});
}

TEST(CtlOther, SaveTakesNoArgumentAndNoOption) {
    EXPECT_EQ(parse_line({"save"}), Command(Save{}));
    EXPECT_EQ(parse_line({"--", "save"}), Command(Save{}));
    EXPECT_EQ(parse_line({"save", "--help"}), Command(Help{"save"}));
    EXPECT_EQ(parse_line({"help", "save"}), Command(Help{"save"}));
    expect_refused({"save", "x"}, {"save takes no argument", "\"x\"", "usage: preampctl save"});
    expect_refused({"save", "/tmp/state"}, {"save takes no argument", "\"/tmp/state\""});
    expect_refused({"save", "--watch"},
                   {"\"--watch\" is not an option of save", "usage: preampctl save"});
}

TEST(CtlOther, ACommandsOptionsGoAnywhere) {
    EXPECT_EQ(parse_line({"--watch", "levels"}), Command(Levels{true}));
    EXPECT_EQ(parse_line({"--help", "volume"}), Command(Help{"volume"}));
    EXPECT_EQ(parse_line({"volume", "-20dB", "-h"}), Command(Help{"volume"}));
    expect_refused({"volume", "--watch"},
                   {"\"--watch\" is not an option of volume", "usage: preampctl volume"});
    expect_refused({"status", "-x"}, {"\"-x\" is not an option of status"});
    // Nothing after "--" is an option.
    EXPECT_EQ(change({"volume", "--", "-20dB"}), (Change{K::absolute, -20.0}));
    expect_refused({"levels", "--", "--watch"}, {"levels takes no argument", "\"--watch\""});
    expect_refused({"volume", "--", "--help"}, {"\"--help\" is not a volume"});
    expect_refused({"--"}, {"no command given"});
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
                               "status, volume, mute, dim, loudness, direct, mono, swap, "
                               "standby, polarity, speakers, sub, crossover, sub-delay, sub-polarity, "
                               "source, rec-source, bass, treble, balance, levels, monitor, "
                               "save, help"});
    }
    expect_refused({}, {"no command given", "status, volume"});
}

// ---- bass management --------------------------------------------------------------------------

TEST(CtlSub, SwitchOrLevel) {
    EXPECT_EQ(parse_line({"sub"}), Command(Sub{}));
    EXPECT_EQ(parse_line({"sub", "on"}), Command(Sub{Switch::on, std::nullopt}));
    EXPECT_EQ(parse_line({"sub", "off"}), Command(Sub{Switch::off, std::nullopt}));
    EXPECT_EQ(parse_line({"sub", "toggle"}), Command(Sub{Switch::toggle, std::nullopt}));
    EXPECT_EQ(parse_line({"sub", "-3dB"}), Command(Sub{std::nullopt, Change{K::absolute, -3.0}}));
    EXPECT_EQ(parse_line({"sub", "+6"}), Command(Sub{std::nullopt, Change{K::absolute, 6.0}}));
    EXPECT_EQ(parse_line({"sub", "0dB"}), Command(Sub{std::nullopt, Change{K::absolute, 0.0}}));
    EXPECT_EQ(parse_line({"sub", "2dB+"}), Command(Sub{std::nullopt, Change{K::relative, 2.0}}));
    EXPECT_EQ(parse_line({"sub", "1.5dB-"}), Command(Sub{std::nullopt, Change{K::relative, -1.5}}));
}

TEST(CtlSub, BadWordsNamed) {
    for (const char* bad : {"up", "loud", "ON", "nan", "", "-2dB-", "2dB+-", "3 dB"}) {
        SCOPED_TRACE(bad);
        expect_refused({"sub", bad}, {(std::string("\"") + bad + "\" is not a sub setting").c_str(),
                                      "on, off, toggle", "-3dB (absolute)", "2dB+ / 2dB-"});
    }
    expect_refused({"sub", "on", "-3dB"},
                   {"sub takes one argument at most", "usage: preampctl sub [on | off | toggle"});
}

TEST(CtlSub, CrossoverAndDelayTakeANumberWithOrWithoutTheUnit) {
    using N = Amount::Name;
    EXPECT_EQ(parse_line({"crossover"}), Command(Amount{N::crossover, std::nullopt}));
    EXPECT_EQ(parse_line({"crossover", "80"}), Command(Amount{N::crossover, 80.0}));
    EXPECT_EQ(parse_line({"crossover", "80Hz"}), Command(Amount{N::crossover, 80.0}));
    EXPECT_EQ(parse_line({"crossover", "120.5hz"}), Command(Amount{N::crossover, 120.5}));
    EXPECT_EQ(parse_line({"crossover", "1e2HZ"}), Command(Amount{N::crossover, 100.0}));
    // The range is the daemon's: 20 Hz parses, and is refused there.
    EXPECT_EQ(parse_line({"crossover", "20"}), Command(Amount{N::crossover, 20.0}));
    EXPECT_EQ(parse_line({"sub-delay"}), Command(Amount{N::sub_delay, std::nullopt}));
    EXPECT_EQ(parse_line({"sub-delay", "2.5"}), Command(Amount{N::sub_delay, 2.5}));
    EXPECT_EQ(parse_line({"sub-delay", "2.5ms"}), Command(Amount{N::sub_delay, 2.5}));
    EXPECT_EQ(parse_line({"sub-delay", "0MS"}), Command(Amount{N::sub_delay, 0.0}));
    for (const char* bad : {"fast", "80 Hz", "80kHz", "Hz", "", "nan", "80Hz+"}) {
        SCOPED_TRACE(bad);
        expect_refused({"crossover", bad},
                       {(std::string("\"") + bad + "\" is not a crossover frequency").c_str(),
                        "a number, e.g. 80Hz"});
    }
    for (const char* bad : {"2.5s", "ms", "late", "2ms-"}) {
        SCOPED_TRACE(bad);
        expect_refused(
            {"sub-delay", bad},
            {(std::string("\"") + bad + "\" is not a sub delay").c_str(), "a number, e.g. 2.5ms"});
    }
    expect_refused({"crossover", "80", "90"},
                   {"crossover takes one argument at most", "usage: preampctl crossover [HZ]"});
}

TEST(CtlSub, SubPolarity) {
    EXPECT_EQ(parse_line({"sub-polarity"}), Command(SubPolarity{}));
    EXPECT_EQ(parse_line({"sub-polarity", "normal"}), Command(SubPolarity{false}));
    EXPECT_EQ(parse_line({"sub-polarity", "inverted"}), Command(SubPolarity{true}));
    for (const char* bad : {"invert", "on", "-1", "Normal", ""}) {
        SCOPED_TRACE(bad);
        expect_refused(
            {"sub-polarity", bad},
            {(std::string("\"") + bad + "\" is not a sub polarity").c_str(), "normal or inverted"});
    }
}

// ---- the monitor controller ----------------------------------------------------------------

TEST(CtlPolarity, OneWordPerChannelOrOneChannelByName) {
    EXPECT_EQ(parse_line({"polarity"}), Command(Polarity{}));
    EXPECT_EQ(parse_line({"polarity", "normal", "inverted"}),
              Command(Polarity{{false, true}, std::nullopt}));
    EXPECT_EQ(parse_line({"polarity", "inverted"}), Command(Polarity{{true}, std::nullopt}));
    // How many channels there are is the daemon's to say.
    EXPECT_EQ(parse_line({"polarity", "normal", "normal", "inverted"}),
              Command(Polarity{{false, false, true}, std::nullopt}));
    EXPECT_EQ(parse_line({"polarity", "R", "inverted"}), Command(Polarity{{true}, "R"}));
    EXPECT_EQ(parse_line({"polarity", "L", "normal"}), Command(Polarity{{false}, "L"}));
}

TEST(CtlPolarity, BadWordsNamed) {
    expect_refused({"polarity", "R"}, {"\"R\" is not a polarity", "normal or inverted"});
    expect_refused({"polarity", "normal", "flipped"},
                   {"\"flipped\" is not a polarity", "normal or inverted"});
    expect_refused({"polarity", "R", "upside-down"},
                   {"\"upside-down\" is not a polarity", "normal or inverted"});
    expect_refused({"polarity", "L", "R", "inverted"}, {"\"L\" is not a polarity"});
    expect_refused({"polarity", "", "inverted"}, {"\"\" is not a channel name"});
}

TEST(CtlSpeakers, SetsJoinedWithPlus) {
    EXPECT_EQ(parse_line({"speakers"}), Command(Speakers{}));
    EXPECT_EQ(parse_line({"speakers", "a"}), Command(Speakers{{"a"}}));
    EXPECT_EQ(parse_line({"speakers", "b"}), Command(Speakers{{"b"}}));
    EXPECT_EQ(parse_line({"speakers", "a+b"}), Command(Speakers{{"a", "b"}}));
    EXPECT_EQ(parse_line({"speakers", "b+a+near_field"}),
              Command(Speakers{{"b", "a", "near_field"}}));
    // Whether the sets exist is the daemon's to say.
    EXPECT_EQ(parse_line({"speakers", "x"}), Command(Speakers{{"x"}}));
    for (const char* bad : {"", "+", "a+", "+b", "a++b"}) {
        SCOPED_TRACE(bad);
        expect_refused({"speakers", bad},
                       {(std::string("\"") + bad + "\" is not a list of speaker sets").c_str(),
                        "joined with +", "a+b"});
    }
    expect_refused({"speakers", "a", "b"}, {"speakers takes one argument at most",
                                            "usage: preampctl speakers [a | b | a+b]"});
}

TEST(CtlSub, HelpKnowsTheNewCommands) {
    for (const char* c : {"sub", "crossover", "sub-delay", "sub-polarity", "mono", "swap",
                          "polarity", "speakers"}) {
        SCOPED_TRACE(c);
        EXPECT_EQ(parse_line({c, "--help"}), Command(Help{c}));
        EXPECT_EQ(parse_line({"help", c}), Command(Help{c}));
    }
}
