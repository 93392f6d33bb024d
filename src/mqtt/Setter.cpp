#include "Setter.hpp"

#include "ctl/UsageError.hpp"
#include "ctl/Value.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace preamp::mqtt {
namespace {

using ctl::UsageError;

// The switches: setting → D-Bus property.
constexpr std::array<std::pair<std::string_view, const char*>, 8> kFlags{{
    {"mute", "Mute"},
    {"loudness", "Loudness"},
    {"direct", "Direct"},
    {"dim", "Dim"},
    {"mono", "Mono"},
    {"swap", "Swap"},
    {"standby", "Standby"},
    {"sub", "SubEnabled"},
}};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

const std::vector<std::string>& Setter::settings() {
    static const std::vector<std::string> kSettings{
        "volume", "mute",  "source", "rec_source", "bass",    "treble", "balance",
        "loudness", "direct", "dim", "mono",       "swap",    "standby", "sub", "sub_level"};
    return kSettings;
}

bool Setter::flag(const std::string& property, const std::string& payload) const {
    const std::string word = lower(payload);
    if (word == "true" || word == "1") return true;
    if (word == "false" || word == "0") return false;
    const auto s = ctl::parse_switch(lower(property), word);
    if (s != ctl::Switch::toggle) return s == ctl::Switch::on;
    const auto it = properties_.find(property);
    if (it == properties_.end()) throw UsageError(property + " is not known yet: cannot toggle it");
    return !it->second.get<bool>();
}

std::string Setter::source(const std::string& payload, bool rec) const {
    if (rec && lower(payload) == "follow") return "";
    const auto it = properties_.find("Sources");
    if (it != properties_.end())
        for (const auto& s : it->second.get<std::vector<sdbus::Struct<std::string, std::string>>>())
            if (std::get<1>(s) == payload) return std::get<0>(s); // a label
    return payload; // a name; preampd refuses an unknown one, naming those it has
}

double Setter::level(const std::string& property, const std::string& range_property, double lo,
                     double hi, bool relative, double value) const {
    if (!relative) return value;
    if (const auto r = properties_.find(range_property); r != properties_.end()) {
        const auto range = r->second.get<sdbus::Struct<double, double>>();
        lo = std::get<0>(range);
        hi = std::get<1>(range);
    }
    const auto now = properties_.find(property);
    if (now == properties_.end()) throw UsageError(property + " is not known yet");
    return std::clamp(now->second.get<double>() + value, lo, hi);
}

void Setter::apply(std::string_view setting, const std::string& payload) {
    auto& p = link_.preamp();
    for (const auto& [name, property] : kFlags) {
        if (setting != name) continue;
        const bool on = flag(property, payload);
        const std::string prop = property;
        if (prop == "Mute") p.Mute(on);
        else if (prop == "Loudness") p.Loudness(on);
        else if (prop == "Direct") p.Direct(on);
        else if (prop == "Dim") p.Dim(on);
        else if (prop == "Mono") p.Mono(on);
        else if (prop == "Swap") p.Swap(on);
        else if (prop == "Standby") p.Standby(on);
        else p.SubEnabled(on);
        return;
    }
    using Kind = ctl::Change::Kind;
    if (setting == "volume") {
        const auto c = ctl::parse_volume(payload);
        if (c.kind == Kind::absolute) {
            p.Volume(c.value);
        } else {
            double step = c.value;
            if (c.kind == Kind::step) {
                const auto s = properties_.find("VolumeStep");
                step *= s == properties_.end() ? 1.0 : s->second.get<double>();
            }
            (void)p.StepVolume(step);
        }
    } else if (setting == "bass" || setting == "treble") {
        const auto c = ctl::parse_tone(setting, payload);
        const std::string prop = setting == "bass" ? "Bass" : "Treble";
        const double v =
            level(prop, prop + "Range", -12.0, 12.0, c.kind != Kind::absolute, c.value);
        setting == "bass" ? p.Bass(v) : p.Treble(v);
    } else if (setting == "balance") {
        const auto c = ctl::parse_balance(payload);
        p.Balance(level("Balance", "", -1.0, 1.0, c.kind != Kind::absolute, c.value));
    } else if (setting == "sub_level") {
        const auto c = ctl::parse_sub_level(payload);
        p.SubLevel(level("SubLevel", "SubLevelRange", -20.0, 20.0, c.kind != Kind::absolute,
                         c.value));
    } else if (setting == "source") {
        p.Source(source(payload, false));
    } else if (setting == "rec_source") {
        p.RecSource(source(payload, true));
    } else {
        throw UsageError("no setting \"" + std::string(setting) + "\" (known: volume, mute, source, "
                         "rec_source, bass, treble, balance, loudness, direct, dim, mono, swap, "
                         "standby, sub, sub_level)");
    }
}

} // namespace preamp::mqtt
