#include "Adaptor.hpp"

#include "core/Errors.hpp"

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace preamp::dbus {
namespace {

constexpr const char* kObjectPath = "/org/preampd/Preamp";
constexpr const char* kInvalidValue = "org.preampd.Error.InvalidValue";
constexpr const char* kUnknownSource = "org.preampd.Error.UnknownSource";
constexpr const char* kSaveFailed = "org.preampd.Error.SaveFailed";

std::string text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// Strings from clients are names; anything longer is no name of ours.
void check_length(const char* what, const std::string& v) {
    if (v.size() > 256)
        throw sdbus::Error(kInvalidValue, std::string(what) + " is " + std::to_string(v.size()) +
                                              " characters long: at most 256");
}

void check_length(const char* what, const std::vector<std::string>& v) {
    if (v.size() > 64)
        throw sdbus::Error(kInvalidValue, std::string(what) + " has " + std::to_string(v.size()) +
                                              " entries: at most 64");
    for (const auto& s : v)
        check_length(what, s);
}

const char* polarity_word(bool inverted) {
    return inverted ? "inverted" : "normal";
}

// "normal" or "inverted"; `what` names the property in the error.
bool inverted(const std::string& what, const std::string& word) {
    if (word == "normal") return false;
    if (word == "inverted") return true;
    throw sdbus::Error(kInvalidValue,
                       what + " \"" + word + "\" is not allowed: use normal or inverted");
}

std::string joined(const std::vector<std::string>& words) {
    std::string s;
    for (const auto& w : words)
        s.append(s.empty() ? "" : ",").append(w);
    return s;
}

} // namespace

Adaptor::Adaptor(sdbus::IConnection& connection, Control& control)
    : AdaptorInterfaces(connection, kObjectPath), control_(control) {
    registerAdaptor();
    announced_ = snapshot();
}

Adaptor::~Adaptor() {
    unregisterAdaptor();
}

void Adaptor::change(const std::function<void(core::Settings&)>& f) {
    try {
        control_.change(f);
    } catch (const core::UnknownSource& e) {
        throw sdbus::Error(kUnknownSource, e.what());
    } catch (const core::InvalidValue& e) {
        throw sdbus::Error(kInvalidValue, e.what());
    }
}

std::map<std::string, std::string> Adaptor::snapshot() {
    const core::State& s = control_.settings().state();
    const Status st = control_.status();
    std::string sources;
    for (const auto& in : control_.settings().config().inputs)
        sources += in.name + '\x1f' + in.label + '\x1e';
    const auto range = [](const core::Range& r) { return text(r.min) + "," + text(r.max); };
    std::string speaker_sets;
    for (const auto& set : control_.settings().speaker_sets().sets())
        speaker_sets += set.name + '\x1f' + set.label + '\x1e';
    const core::SubState sub = s.sub.value_or(core::SubState{false, 0.0, 0.0, 0.0, false});
    return {{"Volume", text(s.volume_db)},
            {"Mute", s.mute ? "1" : "0"},
            {"Dim", s.dim ? "1" : "0"},
            {"Source", s.source},
            {"RecSource", s.rec_source},
            {"Balance", text(s.balance)},
            {"Bass", text(s.bass_db)},
            {"Treble", text(s.treble_db)},
            {"Loudness", s.loudness ? "1" : "0"},
            {"Direct", s.direct ? "1" : "0"},
            {"Channels", joined(Channels())},
            {"Mono", s.mono ? "1" : "0"},
            {"Swap", s.swap ? "1" : "0"},
            {"Polarity", joined(Polarity())},
            {"Speakers", joined(s.speakers)},
            {"SpeakerSets", speaker_sets},
            {"BassManagement", control_.settings().bass_management() ? "1" : "0"},
            {"SubEnabled", sub.enabled ? "1" : "0"},
            {"SubLevel", text(sub.level_db)},
            {"SubLevelRange", range(control_.settings().sub_level_range())},
            {"Crossover", text(sub.crossover_hz)},
            {"SubDelay", text(sub.delay_ms)},
            {"SubPolarity", polarity_word(sub.polarity_inverted)},
            {"Sources", sources},
            {"VolumeRange", range(control_.settings().volume_range())},
            {"VolumeCeiling", text(control_.settings().volume_ceiling())},
            {"Bypass", control_.settings().bypass() ? "1" : "0"},
            {"VolumeStep", text(control_.settings().config().volume.step_db)},
            {"BassRange", range(control_.settings().bass_range())},
            {"TrebleRange", range(control_.settings().treble_range())},
            {"Standby", s.standby ? "1" : "0"},
            {"State", st.state},
            {"SampleRate", std::to_string(st.sample_rate)},
            {"BufferSize", std::to_string(st.buffer_size)},
            {"Xruns", std::to_string(st.xruns)},
            {"Surfaces", joined(st.surfaces)}};
}

void Adaptor::announce() {
    auto now = snapshot();
    std::vector<std::string> changed;
    for (const auto& [name, value] : now)
        if (announced_[name] != value) changed.push_back(name);
    announced_ = std::move(now);
    if (!changed.empty()) getObject().emitPropertiesChangedSignal(INTERFACE_NAME, changed);
}

double Adaptor::StepVolume(const double& delta_db) {
    double result = 0.0;
    change([&](core::Settings& s) { result = s.step_volume(delta_db); });
    return result;
}

bool Adaptor::ToggleMute() {
    bool result = false;
    change([&](core::Settings& s) {
        s.set_mute(!s.state().mute);
        result = s.state().mute;
    });
    return result;
}

std::vector<sdbus::Struct<std::string, double, double>> Adaptor::GetLevels() {
    std::vector<sdbus::Struct<std::string, double, double>> out;
    for (const Level& l : control_.levels())
        out.emplace_back(l.port, l.peak_dbfs, l.rms_dbfs);
    return out;
}

std::vector<sdbus::Struct<std::string, double, double, uint64_t>> Adaptor::GetMeters() {
    // Each caller measures its own interval, known by its unique name.
    const sdbus::Message* call = getObject().getCurrentlyProcessedMessage();
    const std::string sender = call != nullptr ? call->getSender() : "";
    std::vector<sdbus::Struct<std::string, double, double, uint64_t>> out;
    for (const Level& l : control_.meters(sender.empty() ? "(no sender)" : sender))
        out.emplace_back(l.port, l.peak_dbfs, l.rms_dbfs, l.clips);
    return out;
}

void Adaptor::Reload(sdbus::Result<>&& result) {
    // The answer waits for the JACK side to have the new ports (or to refuse them).
    auto answer = std::make_shared<sdbus::Result<>>(std::move(result));
    try {
        control_.reload([answer](const std::string& error) noexcept {
            try {
                if (error.empty())
                    answer->returnResults();
                else
                    answer->returnError(sdbus::Error(kInvalidValue, error));
            } catch (const std::exception&) {
                // the bus is gone: there is nobody to answer
            }
        });
    } catch (const std::exception& e) {
        answer->returnError(sdbus::Error(kInvalidValue, e.what()));
    }
}

void Adaptor::SaveState() {
    try {
        control_.save_state();
    } catch (const core::SaveFailed& e) {
        throw sdbus::Error(kSaveFailed, e.what());
    }
}

double Adaptor::Volume() {
    return control_.settings().state().volume_db;
}
void Adaptor::Volume(const double& v) {
    change([&](core::Settings& s) { s.set_volume(v); });
}
bool Adaptor::Mute() {
    return control_.settings().state().mute;
}
void Adaptor::Mute(const bool& v) {
    change([&](core::Settings& s) { s.set_mute(v); });
}
bool Adaptor::Dim() {
    return control_.settings().state().dim;
}
void Adaptor::Dim(const bool& v) {
    change([&](core::Settings& s) { s.set_dim(v); });
}
std::string Adaptor::Source() {
    return control_.settings().state().source;
}
void Adaptor::Source(const std::string& v) {
    check_length("Source", v);
    change([&](core::Settings& s) { s.set_source(v); });
}
std::string Adaptor::RecSource() {
    return control_.settings().state().rec_source;
}
void Adaptor::RecSource(const std::string& v) {
    check_length("RecSource", v);
    change([&](core::Settings& s) { s.set_rec_source(v); });
}
double Adaptor::Balance() {
    return control_.settings().state().balance;
}
void Adaptor::Balance(const double& v) {
    change([&](core::Settings& s) { s.set_balance(v); });
}
double Adaptor::Bass() {
    return control_.settings().state().bass_db;
}
void Adaptor::Bass(const double& v) {
    change([&](core::Settings& s) { s.set_bass(v); });
}
double Adaptor::Treble() {
    return control_.settings().state().treble_db;
}
void Adaptor::Treble(const double& v) {
    change([&](core::Settings& s) { s.set_treble(v); });
}
bool Adaptor::Loudness() {
    return control_.settings().state().loudness;
}
void Adaptor::Loudness(const bool& v) {
    change([&](core::Settings& s) { s.set_loudness(v); });
}
bool Adaptor::Direct() {
    return control_.settings().state().direct;
}
void Adaptor::Direct(const bool& v) {
    change([&](core::Settings& s) { s.set_direct(v); });
}

std::vector<std::string> Adaptor::Channels() {
    return control_.settings().config().jack.channels;
}
bool Adaptor::Mono() {
    return control_.settings().state().mono;
}
void Adaptor::Mono(const bool& v) {
    change([&](core::Settings& s) { s.set_mono(v); });
}
bool Adaptor::Swap() {
    return control_.settings().state().swap;
}
void Adaptor::Swap(const bool& v) {
    change([&](core::Settings& s) { s.set_swap(v); });
}
std::vector<std::string> Adaptor::Polarity() {
    std::vector<std::string> out;
    for (const bool inv : control_.settings().state().polarity)
        out.emplace_back(polarity_word(inv));
    return out;
}
void Adaptor::Polarity(const std::vector<std::string>& v) {
    check_length("Polarity", v);
    std::vector<bool> inv;
    for (const auto& word : v)
        inv.push_back(inverted("polarity", word));
    change([&](core::Settings& s) { s.set_polarity(inv); });
}
std::vector<std::string> Adaptor::Speakers() {
    return control_.settings().state().speakers;
}
void Adaptor::Speakers(const std::vector<std::string>& v) {
    check_length("Speakers", v);
    change([&](core::Settings& s) { s.set_speakers(v); });
}
std::vector<sdbus::Struct<std::string, std::string>> Adaptor::SpeakerSets() {
    std::vector<sdbus::Struct<std::string, std::string>> out;
    for (const auto& set : control_.settings().speaker_sets().sets())
        out.emplace_back(set.name, set.label);
    return out;
}
bool Adaptor::BassManagement() {
    return control_.settings().bass_management();
}

// Without bass management the sub values read false, 0 and "normal".
bool Adaptor::SubEnabled() {
    const auto& sub = control_.settings().state().sub;
    return sub && sub->enabled;
}
void Adaptor::SubEnabled(const bool& v) {
    change([&](core::Settings& s) { s.set_sub_enabled(v); });
}
double Adaptor::SubLevel() {
    const auto& sub = control_.settings().state().sub;
    return sub ? sub->level_db : 0.0;
}
void Adaptor::SubLevel(const double& v) {
    change([&](core::Settings& s) { s.set_sub_level(v); });
}
Adaptor::Pair Adaptor::SubLevelRange() {
    const auto r = core::Settings::sub_level_range();
    return {r.min, r.max};
}
double Adaptor::Crossover() {
    const auto& sub = control_.settings().state().sub;
    return sub ? sub->crossover_hz : 0.0;
}
void Adaptor::Crossover(const double& v) {
    change([&](core::Settings& s) { s.set_crossover(v); });
}
double Adaptor::SubDelay() {
    const auto& sub = control_.settings().state().sub;
    return sub ? sub->delay_ms : 0.0;
}
void Adaptor::SubDelay(const double& v) {
    change([&](core::Settings& s) { s.set_sub_delay(v); });
}
std::string Adaptor::SubPolarity() {
    const auto& sub = control_.settings().state().sub;
    return polarity_word(sub && sub->polarity_inverted);
}
void Adaptor::SubPolarity(const std::string& v) {
    check_length("SubPolarity", v);
    const bool inv = inverted("sub polarity", v);
    change([&](core::Settings& s) { s.set_sub_polarity(inv); });
}

std::vector<sdbus::Struct<std::string, std::string>> Adaptor::Sources() {
    std::vector<sdbus::Struct<std::string, std::string>> out;
    for (const auto& in : control_.settings().config().inputs)
        out.emplace_back(in.name, in.label.empty() ? in.name : in.label);
    return out;
}

Adaptor::Pair Adaptor::VolumeRange() {
    const auto r = control_.settings().volume_range();
    return {r.min, r.max};
}
double Adaptor::VolumeCeiling() {
    return control_.settings().volume_ceiling();
}
bool Adaptor::Bypass() {
    return control_.settings().bypass();
}
double Adaptor::VolumeStep() {
    return control_.settings().config().volume.step_db;
}
Adaptor::Pair Adaptor::BassRange() {
    const auto r = control_.settings().bass_range();
    return {r.min, r.max};
}
Adaptor::Pair Adaptor::TrebleRange() {
    const auto r = control_.settings().treble_range();
    return {r.min, r.max};
}
std::string Adaptor::State() {
    return control_.status().state;
}
uint32_t Adaptor::SampleRate() {
    return control_.status().sample_rate;
}
uint32_t Adaptor::BufferSize() {
    return control_.status().buffer_size;
}
uint64_t Adaptor::Xruns() {
    return control_.status().xruns;
}

std::vector<std::string> Adaptor::Surfaces() {
    return control_.status().surfaces;
}
double Adaptor::DspLoad() {
    return control_.status().dsp_load;
}
Adaptor::Pair Adaptor::CallbackTime() {
    const Status st = control_.status();
    return {st.callback_mean_us, st.callback_max_us};
}
bool Adaptor::Standby() {
    return control_.settings().state().standby;
}
void Adaptor::Standby(const bool& v) {
    change([&](core::Settings& s) { s.set_standby(v); });
}
uint64_t Adaptor::StandbyIn() {
    return control_.status().standby_in_s;
}

} // namespace preamp::dbus
