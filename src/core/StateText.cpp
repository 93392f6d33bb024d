#include "StateText.hpp"

#include "FormatNumber.hpp"
#include "StateFile.hpp"

#include <charconv>
#include <cmath>
#include <sstream>
#include <vector>

namespace preamp::core::state_text {
namespace {

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

/// "a, b": the words between the commas, blank ones left out.
std::vector<std::string> words(std::string_view v) {
    std::vector<std::string> out;
    while (!v.empty()) {
        const auto comma = v.find(',');
        const std::string_view w = trim(v.substr(0, comma));
        if (!w.empty()) out.emplace_back(w);
        v.remove_prefix(comma == std::string_view::npos ? v.size() : comma + 1);
    }
    return out;
}

/// Reads one value of line `line` of file `name`, or says what is wrong with it.
class Parser {
public:
    Parser(const std::string& name, int line) : name_(name), line_(line) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw StateFileError(name_ + ":" + std::to_string(line_) + ": " + what);
    }
    double number(std::string_view key, std::string_view v) const {
        double d = 0.0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
        if (ec != std::errc() || end != v.data() + v.size()) refuse(key, v, "a number");
        if (!std::isfinite(d)) refuse(key, v, "a finite number"); // from_chars reads nan, inf
        return d;
    }
    bool boolean(std::string_view key, std::string_view v) const {
        if (v == "true") return true;
        if (v == "false") return false;
        refuse(key, v, "true or false");
    }
    /// "normal, inverted": true for each inverted.
    std::vector<bool> polarity(std::string_view key, std::string_view v) const {
        std::vector<bool> out;
        for (const auto& word : words(v)) {
            if (word != "normal" && word != "inverted")
                refuse(key, v, "a list of normal or inverted");
            out.push_back(word == "inverted");
        }
        return out;
    }

private:
    /// key = "value" is not `expected`.
    [[noreturn]] void refuse(std::string_view key, std::string_view v, const char* expected) const {
        fail(std::string(key) + " = \"" + std::string(v) + "\" is not " + expected);
    }

    const std::string& name_;
    int line_;
};

// The shortest text that reads back as `v`, bit for bit (std::to_chars): what is saved is
// what is restored, even at the ends of a double's range.
std::string exact(double v) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : format_number(v);
}

std::string boolean(bool v) {
    return v ? "true" : "false";
}

std::string joined(const std::vector<std::string>& words) {
    std::string s;
    for (const auto& w : words)
        s.append(s.empty() ? "" : ", ").append(w);
    return s;
}

// The sub values of `s`, SubState's defaults for those the base and the file have not
// given yet.
SubState& sub(State& s) {
    if (!s.sub) s.sub.emplace();
    return *s.sub;
}

/// One key of the file: how to read its value into a State, and to write it from one.
struct Field {
    std::string_view key;
    void (*read)(State&, std::string_view key, std::string_view value, const Parser&);
    std::string (*write)(const State&);
    bool sub = false; ///< written only with bass management (State::sub)
};

// In the order the file has them. The remembered volumes (volume_db.NAME) follow
// common_volume_db; they are keys of their own (kRemembered).
const Field kFields[] = {
    {"volume_db", [](State& s, auto k, auto v, const Parser& p) { s.volume_db = p.number(k, v); },
     [](const State& s) { return exact(s.volume_db); }},
    {"common_volume_db",
     [](State& s, auto k, auto v, const Parser& p) { s.common_volume_db = p.number(k, v); },
     [](const State& s) { return exact(s.common_volume_db); }},
    {"mute", [](State& s, auto k, auto v, const Parser& p) { s.mute = p.boolean(k, v); },
     [](const State& s) { return boolean(s.mute); }},
    {"dim", [](State& s, auto k, auto v, const Parser& p) { s.dim = p.boolean(k, v); },
     [](const State& s) { return boolean(s.dim); }},
    {"source", [](State& s, auto, auto v, const Parser&) { s.source = v; },
     [](const State& s) { return s.source; }},
    {"rec_source", [](State& s, auto, auto v, const Parser&) { s.rec_source = v; },
     [](const State& s) { return s.rec_source; }},
    {"balance", [](State& s, auto k, auto v, const Parser& p) { s.balance = p.number(k, v); },
     [](const State& s) { return exact(s.balance); }},
    {"bass_db", [](State& s, auto k, auto v, const Parser& p) { s.bass_db = p.number(k, v); },
     [](const State& s) { return exact(s.bass_db); }},
    {"treble_db", [](State& s, auto k, auto v, const Parser& p) { s.treble_db = p.number(k, v); },
     [](const State& s) { return exact(s.treble_db); }},
    {"loudness", [](State& s, auto k, auto v, const Parser& p) { s.loudness = p.boolean(k, v); },
     [](const State& s) { return boolean(s.loudness); }},
    {"direct", [](State& s, auto k, auto v, const Parser& p) { s.direct = p.boolean(k, v); },
     [](const State& s) { return boolean(s.direct); }},
    {"mono", [](State& s, auto k, auto v, const Parser& p) { s.mono = p.boolean(k, v); },
     [](const State& s) { return boolean(s.mono); }},
    {"swap", [](State& s, auto k, auto v, const Parser& p) { s.swap = p.boolean(k, v); },
     [](const State& s) { return boolean(s.swap); }},
    {"polarity", [](State& s, auto k, auto v, const Parser& p) { s.polarity = p.polarity(k, v); },
     [](const State& s) {
         std::vector<std::string> w;
         for (const bool inverted : s.polarity)
             w.emplace_back(inverted ? "inverted" : "normal");
         return joined(w);
     }},
    {"speakers", [](State& s, auto, auto v, const Parser&) { s.speakers = words(v); },
     [](const State& s) { return joined(s.speakers); }},
    {"sub_enabled",
     [](State& s, auto k, auto v, const Parser& p) { sub(s).enabled = p.boolean(k, v); },
     [](const State& s) { return boolean(s.sub->enabled); }, true},
    {"sub_level_db",
     [](State& s, auto k, auto v, const Parser& p) { sub(s).level_db = p.number(k, v); },
     [](const State& s) { return exact(s.sub->level_db); }, true},
    {"crossover_hz",
     [](State& s, auto k, auto v, const Parser& p) { sub(s).crossover_hz = p.number(k, v); },
     [](const State& s) { return exact(s.sub->crossover_hz); }, true},
    {"sub_delay_ms",
     [](State& s, auto k, auto v, const Parser& p) { sub(s).delay_ms = p.number(k, v); },
     [](const State& s) { return exact(s.sub->delay_ms); }, true},
    {"sub_polarity_inverted",
     [](State& s, auto k, auto v, const Parser& p) { sub(s).polarity_inverted = p.boolean(k, v); },
     [](const State& s) { return boolean(s.sub->polarity_inverted); }, true},
};

// "volume_db.NAME": the remembered volume of input NAME.
constexpr std::string_view kRemembered = "volume_db.";

void apply(State& s, std::string_view key, std::string_view v, const Parser& p) {
    for (const Field& f : kFields)
        if (f.key == key) return f.read(s, key, v, p);
    if (key.starts_with(kRemembered) && key.size() > kRemembered.size()) {
        s.remembered_db[std::string(key.substr(kRemembered.size()))] = p.number(key, v);
        return;
    }
    p.fail("unknown key \"" + std::string(key) + "\"");
}

} // namespace

State parse(std::string_view text, const State& base, const std::string& name) {
    State s = base;
    for (int n = 1; !text.empty(); ++n) {
        const auto nl = text.find('\n');
        const std::string_view l = trim(text.substr(0, nl));
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        if (l.empty() || l.front() == '#') continue;
        const Parser p(name, n);
        const auto eq = l.find('=');
        if (eq == std::string_view::npos) p.fail("expected \"key = value\"");
        apply(s, trim(l.substr(0, eq)), trim(l.substr(eq + 1)), p);
    }
    return s;
}

std::string text(const State& s) {
    std::ostringstream o;
    o << kHeader << ": written by preampd, read at start\n";
    for (const Field& f : kFields) {
        if (f.sub && !s.sub) continue;
        o << f.key << " = " << f.write(s) << '\n';
        if (f.key == "common_volume_db")
            for (const auto& [name, db] : s.remembered_db)
                o << kRemembered << name << " = " << exact(db) << '\n';
    }
    return o.str();
}

} // namespace preamp::core::state_text
