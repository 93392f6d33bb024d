#include "Adaptor.hpp"

#include "AdaptorValues.hpp"
#include "core/Errors.hpp"

#include <memory>
#include <stdexcept>

namespace preamp::dbus {

using namespace adaptor;

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

} // namespace preamp::dbus
