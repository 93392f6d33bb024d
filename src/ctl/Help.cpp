#include "Help.hpp"

#include <array>

namespace preamp::ctl {
namespace {

struct Entry {
    std::string_view name;
    const char* usage;
    const char* text; ///< lines of at most 74 characters, each ending in '\n'
};

constexpr std::array kCommands{
    Entry{"status", "preampctl status",
          "Print everything at a glance: source, rec source, volume, the selected\n"
          "input's volume ceiling and whether it is a bypass input, mute, dim, tone,\n"
          "balance, loudness, direct, mono, swap, polarity, the speaker sets (with\n"
          "speakers configured), bass management (with a sub_out), and the daemon's\n"
          "JACK state.\n"},
    Entry{"volume", "preampctl volume [-20dB | 2dB+ | 3dB- | up | down]",
          "Print the volume, or change it. -20dB or -20 sets -20 dB (a leading minus\n"
          "is a value, not an option; +3dB sets +3 dB). 2dB+ raises it by 2 dB, 3dB-\n"
          "lowers it by 3 dB, stopping at the limits. up and down move it one step\n"
          "(volume.step_db in the daemon's configuration). The selected input's\n"
          "max_db is a ceiling: above it an absolute value is refused and a step\n"
          "stops. On a bypass input the volume is fixed at 0 dB: a change is\n"
          "refused (select another input).\n"},
    Entry{"mute", "preampctl mute [on | off | toggle]", "Print or set the mute of pre_out.\n"},
    Entry{"dim", "preampctl dim [on | off | toggle]",
          "Print or set dim: pre_out down by volume.dim_db (default -20 dB).\n"},
    Entry{"loudness", "preampctl loudness [on | off | toggle]",
          "Print or set loudness, the volume-dependent bass and treble contour.\n"},
    Entry{"direct", "preampctl direct [on | off | toggle]",
          "Print or set direct: tone, loudness and balance bypassed.\n"},
    Entry{"mono", "preampctl mono [on | off | toggle]",
          "Print or set mono: every channel of pre_out and the speaker sets the mean\n"
          "of all ((L+R)/2 on both sides), for checking a mix or one speaker.\n"},
    Entry{"swap", "preampctl swap [on | off | toggle]",
          "Print or set swap: left and right exchanged on pre_out and the speaker\n"
          "sets.\n"},
    Entry{"standby", "preampctl standby [on | off | toggle]",
          "Print standby, or go to standby now (on: every variable output fades to\n"
          "silence and standby.on_standby runs; rec_out plays on) or wake (off:\n"
          "standby.on_wake, the wake delay, then a fade in). Volume, source and\n"
          "mute off wake it too.\n"},
    Entry{"polarity", "preampctl polarity [normal | inverted ... | CHANNEL normal | inverted]",
          "Print the polarity of each channel, or set it: one word per channel\n"
          "(polarity normal inverted), or one channel by its name (polarity R\n"
          "inverted). Inverted is the channel times -1 on pre_out and the speaker\n"
          "sets, for a wiring mistake or a check.\n"},
    Entry{"speakers", "preampctl speakers [a | b | a+b]",
          "Print the speaker sets that are on, or choose them: names joined with +\n"
          "(a is pre_out; the others are the configuration's speakers). At least\n"
          "one; the switch crossfades. status lists the sets.\n"},
    Entry{"sub", "preampctl sub [on | off | toggle | -3dB | 2dB+ | 2dB-]",
          "Print bass management (on or off, and the sub level), switch it (off:\n"
          "sub_out silent and pre_out full range), or set the level of sub_out:\n"
          "-3dB sets it, 2dB+ and 2dB- move it, stopping at the limits (-20 to\n"
          "+10 dB). Needs a bass_management group in the configuration.\n"},
    Entry{"crossover", "preampctl crossover [HZ]",
          "Print or set the crossover frequency between pre_out and sub_out, 40 to\n"
          "250 Hz (80 or 80Hz).\n"},
    Entry{"sub-delay", "preampctl sub-delay [MS]",
          "Print or set the delay of sub_out, 0 to 20 ms (2.5 or 2.5ms), to align\n"
          "the subwoofer with the mains: 1 ms is 343 mm of path.\n"},
    Entry{"sub-polarity", "preampctl sub-polarity [normal | inverted]",
          "Print or set the polarity of sub_out.\n"},
    Entry{"source", "preampctl source [NAME]",
          "Print the selected source, or select the source NAME (as in the\n"
          "configuration's inputs; the status command lists them). An input with\n"
          "volume = \"remember\" brings its own volume back; the others share one.\n"},
    Entry{"rec-source", "preampctl rec-source [NAME | follow]",
          "Print the source of rec_out, or choose it: NAME, or follow for whatever\n"
          "source is selected.\n"},
    Entry{"bass", "preampctl bass [+3dB | -2dB | 1.5dB+ | 2dB-]",
          "Print the bass level, or change it: +3dB or -2 sets it, 1.5dB+ and 2dB-\n"
          "move it, stopping at the limits (tone.bass.range_db).\n"},
    Entry{"treble", "preampctl treble [+3dB | -2dB | 1.5dB+ | 2dB-]",
          "Print the treble level, or change it, as bass does (tone.treble.range_db).\n"},
    Entry{"balance", "preampctl balance [-0.5 | 0.25 | 0.1+ | 0.1- | left | center | right]",
          "Print the balance, or change it: -1 is left only, 0 the center, 1 right\n"
          "only; no unit. -0.5 or 0.25 sets it, 0.1+ moves it right and 0.1- left,\n"
          "stopping at the limits. left, center and right set -1, 0 and 1.\n"},
    Entry{"levels", "preampctl levels [--watch]",
          "Print the peak and RMS level in dBFS and the clip count of each port,\n"
          "inputs and outputs, once, or with --watch as live bar meters until\n"
          "interrupted; each preampctl measures its own interval. Clips count the\n"
          "samples beyond full scale since preampd started. While preampd waits\n"
          "for its JACK server there are none: levels says so and exits with\n"
          "status 4, and the meters of --watch say so until JACK is back.\n"},
    Entry{"monitor", "preampctl monitor",
          "Print each change, whoever made it, as it happens, until interrupted.\n"},
    Entry{"save", "preampctl save",
          "Have the daemon write its state file now, as it does about a second\n"
          "after a change and when it stops. Prints nothing (--json: {}). If the\n"
          "file cannot be written, says so with the daemon's message, which names\n"
          "the file and the reason, and exits with status 1.\n"},
    Entry{"help", "preampctl help [COMMAND]",
          "Print this text, or what COMMAND does (as COMMAND --help does).\n"},
};

constexpr std::string_view kProgram = "preampctl ";

const Entry* find(std::string_view command) noexcept {
    for (const Entry& e : kCommands)
        if (e.name == command) return &e;
    return nullptr;
}

// `text` with every line indented by `indent`.
std::string indented(std::string_view text, std::string_view indent) {
    std::string out;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const auto line = text.substr(0, nl == std::string_view::npos ? text.size() : nl + 1);
        out.append(indent).append(line);
        text.remove_prefix(line.size());
    }
    return out;
}

} // namespace

const char* usage(std::string_view command) noexcept {
    const Entry* e = find(command);
    return e ? e->usage : nullptr;
}

std::string command_list() {
    std::string s;
    for (const Entry& e : kCommands)
        s.append(s.empty() ? "" : ", ").append(e.name);
    return s;
}

std::string help_text() {
    std::string s = "Usage: preampctl [OPTIONS] COMMAND [ARGUMENT]\n"
                    "\n"
                    "Control preampd, the software hi-fi preamplifier, over D-Bus. A command\n"
                    "without its argument prints the current value; with one, it changes it.\n"
                    "dB values take the unit dB in any case, or none. The daemon refuses a\n"
                    "value out of range or an unknown source, and then changes nothing.\n"
                    "\n"
                    "Commands:\n";
    for (const Entry& e : kCommands) {
        s.append("  ").append(std::string_view(e.usage).substr(kProgram.size())).append("\n");
        s.append(indented(e.text, "      "));
    }
    s += "\n"
         "Options (anywhere on the line; -20dB or -3 is a value, not an option, and\n"
         "nothing after -- is an option):\n"
         "  --json               print what read commands show as JSON, for scripts\n"
         "  -i, --instance NAME  talk to the daemon started with --instance NAME (a zone)\n"
         "  --session, --user    look for the daemon on the session bus only\n"
         "  --system             look for the daemon on the system bus only\n"
         "                       (by default: the session bus, then the system bus)\n"
         "  -h, --help           print this text (after a COMMAND: that command's)\n"
         "  --version            print the version\n"
         "\n"
         "Exit status: 0 ok, 1 rejected by the daemon (its message is printed),\n"
         "2 usage error, 3 daemon not reachable, 4 no levels (the daemon waits for JACK).\n";
    return s;
}

std::string command_help(std::string_view command) {
    const Entry* e = find(command);
    if (!e) return {};
    return std::string("Usage: ") + e->usage + "\n\n" + e->text;
}

} // namespace preamp::ctl
