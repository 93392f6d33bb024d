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

} // namespace

Command parse(const std::vector<std::string>& args) {
    if (args.empty()) throw UsageError("no command given: the commands are " + command_list());
    const std::string& c = args[0];
    if (!usage(c)) unknown("", c);
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "-h" || args[i] == "--help") return Help{c == "help" ? "" : c};
        if (is_global_option(args[i]))
            throw UsageError("\"" + args[i] + "\" is an option: put it before the command, e.g. " +
                             "preampctl " + args[i] + (args[i] == "-i" ? " NAME " : " ") + c);
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
        const auto option = one(args);
        if (option && *option != "--watch")
            throw UsageError("\"" + *option + "\" is not an option of levels: usage: " + usage(c));
        return Levels{option.has_value()};
    }
    if (c == "monitor") {
        none(args);
        return Monitor{};
    }
    // help [COMMAND]
    const auto topic = one(args);
    if (topic && !usage(*topic)) unknown("help: ", *topic);
    return Help{topic.value_or("")};
}

} // namespace preamp::ctl
