#include "Command.hpp"

#include "Globals.hpp"
#include "Help.hpp"
#include "UsageError.hpp"

#include <string_view>

namespace preamp::ctl {
namespace {

[[noreturn]] void unknown(std::string_view prefix, std::string_view command) {
    throw UsageError(std::string(prefix) + "unknown command \"" + std::string(command) +
                     "\": the commands are " + command_list());
}

// The argument of a command that takes at most one.
std::optional<std::string> one(const std::vector<std::string>& args) {
    if (args.size() <= 2) return args.size() == 2 ? std::optional(args[1]) : std::nullopt;
    std::string words;
    for (std::size_t i = 1; i < args.size(); ++i)
        words += (i > 1 ? " \"" : "\"") + args[i] + "\"";
    throw UsageError(args[0] + " takes one argument at most, not " +
                     std::to_string(args.size() - 1) + " (" + words +
                     "): usage: " + usage(args[0]));
}

void none(const std::vector<std::string>& args) {
    if (args.size() > 1)
        throw UsageError(args[0] + " takes no argument, not \"" + args[1] +
                         "\": usage: " + usage(args[0]));
}

std::string source_name(const std::string& command, const std::string& name) {
    if (name.empty())
        throw UsageError("\"\" is not a source name: usage: " + std::string(usage(command)));
    return name;
}

Knob knob(Knob::Name name, const std::optional<std::string>& word) {
    Knob k{name, std::nullopt};
    if (!word) return k;
    switch (name) {
    case Knob::Name::volume:
        k.change = parse_volume(*word);
        break;
    case Knob::Name::bass:
        k.change = parse_tone("bass", *word);
        break;
    case Knob::Name::treble:
        k.change = parse_tone("treble", *word);
        break;
    case Knob::Name::balance:
        k.change = parse_balance(*word);
        break;
    }
    return k;
}

Flag flag(Flag::Name name, const std::string& command, const std::optional<std::string>& word) {
    return {name, word ? std::optional(parse_switch(command, *word)) : std::nullopt};
}

Sub sub(const std::optional<std::string>& word) {
    if (!word) return {};
    if (*word == "on" || *word == "off" || *word == "toggle")
        return {parse_switch("sub", *word), std::nullopt};
    return {std::nullopt, parse_sub_level(*word)};
}

Amount amount(Amount::Name name, const std::optional<std::string>& word) {
    if (!word) return {name, std::nullopt};
    if (name == Amount::Name::crossover)
        return {name, parse_amount("a crossover frequency", "Hz", "80Hz", *word)};
    return {name, parse_amount("a sub delay", "ms", "2.5ms", *word)};
}

// polarity WORD... (one per channel) or polarity CHANNEL WORD.
Polarity polarity(const std::vector<std::string>& args) {
    Polarity p;
    if (args.size() == 3 && !polarity_word(args[1])) {
        if (args[1].empty())
            throw UsageError("\"\" is not a channel name: usage: " + std::string(usage(args[0])));
        p.channel = args[1];
        p.inverted.push_back(parse_polarity("polarity", args[2]));
        return p;
    }
    for (std::size_t i = 1; i < args.size(); ++i)
        p.inverted.push_back(parse_polarity("polarity", args[i]));
    return p;
}

// a, b, a+b: the sets joined with +.
Speakers speakers(const std::optional<std::string>& word) {
    Speakers s;
    if (!word) return s;
    std::string_view rest = *word;
    while (true) {
        const auto plus = rest.find('+');
        const std::string_view name = rest.substr(0, plus);
        if (name.empty())
            throw UsageError("\"" + *word +
                             "\" is not a list of speaker sets: use names joined with +, "
                             "e.g. a, b or a+b");
        s.sets.emplace_back(name);
        if (plus == std::string_view::npos) break;
        rest.remove_prefix(plus + 1);
    }
    return s;
}

} // namespace

const char* command_word(Knob::Name name) noexcept {
    switch (name) {
    case Knob::Name::volume:
        return "volume";
    case Knob::Name::bass:
        return "bass";
    case Knob::Name::treble:
        return "treble";
    case Knob::Name::balance:
        return "balance";
    }
    return "";
}

const char* command_word(Flag::Name name) noexcept {
    switch (name) {
    case Flag::Name::mute:
        return "mute";
    case Flag::Name::dim:
        return "dim";
    case Flag::Name::loudness:
        return "loudness";
    case Flag::Name::direct:
        return "direct";
    case Flag::Name::mono:
        return "mono";
    case Flag::Name::swap:
        return "swap";
    case Flag::Name::standby:
        return "standby";
    }
    return "";
}

const char* command_word(Amount::Name name) noexcept {
    switch (name) {
    case Amount::Name::crossover:
        return "crossover";
    case Amount::Name::sub_delay:
        return "sub-delay";
    }
    return "";
}

Command parse(const std::vector<std::string>& words) {
    // The command (the first word that is no option), its arguments and its options, in
    // any order; nothing after "--" is an option.
    std::optional<std::string> command;
    std::vector<std::string> args; // the command, then its arguments, as one() wants them
    std::vector<std::string> options;
    bool help = false, more_options = true;
    for (const std::string& w : words) {
        if (more_options && w == "--") {
            more_options = false;
        } else if (more_options && is_option(w)) {
            if (w == "-h" || w == "--help")
                help = true;
            else
                options.push_back(w);
        } else {
            if (!command) command = w;
            args.push_back(w);
        }
    }
    if (!command) {
        if (help) return Help{};
        throw UsageError("no command given: the commands are " + command_list());
    }
    const std::string& c = *command;
    if (!usage(c)) unknown("", c);
    if (help) return Help{c == "help" ? "" : c};
    bool watch = false;
    for (const std::string& o : options) {
        if (c != "levels" || o != "--watch")
            throw UsageError("\"" + o + "\" is not an option of " + c + ": usage: " + usage(c));
        watch = true;
    }

    if (c == "status") {
        none(args);
        return Status{};
    }
    if (c == "volume") return knob(Knob::Name::volume, one(args));
    if (c == "bass") return knob(Knob::Name::bass, one(args));
    if (c == "treble") return knob(Knob::Name::treble, one(args));
    if (c == "balance") return knob(Knob::Name::balance, one(args));
    if (c == "mute") return flag(Flag::Name::mute, c, one(args));
    if (c == "dim") return flag(Flag::Name::dim, c, one(args));
    if (c == "loudness") return flag(Flag::Name::loudness, c, one(args));
    if (c == "direct") return flag(Flag::Name::direct, c, one(args));
    if (c == "mono") return flag(Flag::Name::mono, c, one(args));
    if (c == "swap") return flag(Flag::Name::swap, c, one(args));
    if (c == "standby") return flag(Flag::Name::standby, c, one(args));
    if (c == "sub") return sub(one(args));
    if (c == "crossover") return amount(Amount::Name::crossover, one(args));
    if (c == "sub-delay") return amount(Amount::Name::sub_delay, one(args));
    if (c == "sub-polarity") {
        const auto word = one(args);
        return SubPolarity{word ? std::optional(parse_polarity("sub polarity", *word))
                                : std::nullopt};
    }
    if (c == "polarity") return polarity(args);
    if (c == "speakers") return speakers(one(args));
    if (c == "source") {
        const auto name = one(args);
        return Source{name ? std::optional(source_name(c, *name)) : std::nullopt};
    }
    if (c == "rec-source") {
        const auto name = one(args);
        if (!name) return RecSource{};
        return RecSource{*name == "follow" ? std::string() : source_name(c, *name)};
    }
    if (c == "levels") {
        none(args);
        return Levels{watch};
    }
    if (c == "monitor") {
        none(args);
        return Monitor{};
    }
    if (c == "save") {
        none(args);
        return Save{};
    }
    // help [COMMAND]
    const auto topic = one(args);
    if (topic && !usage(*topic)) unknown("help: ", *topic);
    return Help{topic.value_or("")};
}

} // namespace preamp::ctl
