// libFuzzer target: preampctl's command-line grammar (parse_globals, then parse, as
// preampctl's main does; no D-Bus). The input is split into argv words on NUL and
// newline. A line is either parsed or refused with a UsageError; anything else (another
// exception, a sanitizer report) is a finding, and so is a parsed line that breaks what
// the grammar promises (a value that is not finite, help for no command).
// `./dev fuzz` builds and runs it (tests/fuzz/meson.build).

#include "ctl/Command.hpp"
#include "ctl/Globals.hpp"
#include "ctl/Help.hpp"
#include "ctl/UsageError.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace preamp::ctl;

void check(bool ok) {
    if (!ok) std::abort();
}

struct Checker {
    void operator()(const Knob& k) const {
        if (k.change) check(std::isfinite(k.change->value));
    }
    void operator()(const Source& s) const { check(!s.name || !s.name->empty()); }
    void operator()(const Sub& s) const {
        check(!(s.to && s.level));
        if (s.level) check(std::isfinite(s.level->value) && s.level->kind != Change::Kind::step);
    }
    void operator()(const Amount& a) const { check(!a.value || std::isfinite(*a.value)); }
    void operator()(const Speakers& s) const {
        for (const auto& name : s.sets)
            check(!name.empty() && name.find('+') == std::string::npos);
    }
    void operator()(const Help& h) const {
        check(h.command.empty() ? !help_text().empty() : !command_help(h.command).empty());
    }
    template <class T>
    void operator()(const T&) const {}
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> args(1);
    for (std::size_t i = 0; i < size; ++i) {
        const char c = static_cast<char>(data[i]);
        if (c == '\0' || c == '\n')
            args.emplace_back();
        else
            args.back() += c;
    }
    if (size == 0) args.clear();
    try {
        const Globals g = parse_globals(args);
        check(g.instance.empty() || g.instance.front() != '-');
        if (g.help || g.version) return 0; // main prints and exits here
        const Command command = parse(args);
        std::visit(Checker{}, command);
    } catch (const UsageError& e) {
        check(e.what()[0] != '\0');
    }
    return 0;
}
