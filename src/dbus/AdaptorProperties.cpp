// The properties of org.preampd.Preamp1 (Adaptor.cpp has the rest): each read from the
// model or the daemon's status, each write a change through Adaptor::change.

#include "Adaptor.hpp"

#include "AdaptorValues.hpp"

namespace preamp::dbus {

using namespace adaptor;

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
