#pragma once

#include "Control.hpp"
#include "preamp1-adaptor.h"

#include <map>
#include <sdbus-c++/sdbus-c++.h>
#include <string>

namespace preamp::dbus {

/// The generated org.preampd.Preamp1 adaptor, implemented on a Control. Values are
/// validated by core::Settings; its exceptions become org.preampd.Error.* replies.
class Adaptor final : public sdbus::AdaptorInterfaces<org::preampd::Preamp1_adaptor> {
public:
    Adaptor(sdbus::IConnection& connection, Control& control);
    ~Adaptor();

    /// Emits PropertiesChanged for what differs from the last announce().
    void announce();

private:
    using Pair = sdbus::Struct<double, double>;

    double StepVolume(const double& delta_db) override;
    bool ToggleMute() override;
    std::vector<sdbus::Struct<std::string, double, double>> GetLevels() override;
    std::vector<sdbus::Struct<std::string, double, double, uint64_t>> GetMeters() override;
    void Reload(sdbus::Result<>&& result) override;
    void SaveState() override;

    double Volume() override;
    void Volume(const double& value) override;
    bool Mute() override;
    void Mute(const bool& value) override;
    bool Dim() override;
    void Dim(const bool& value) override;
    std::string Source() override;
    void Source(const std::string& value) override;
    std::string RecSource() override;
    void RecSource(const std::string& value) override;
    double Balance() override;
    void Balance(const double& value) override;
    double Bass() override;
    void Bass(const double& value) override;
    double Treble() override;
    void Treble(const double& value) override;
    bool Loudness() override;
    void Loudness(const bool& value) override;
    bool Direct() override;
    void Direct(const bool& value) override;
    std::vector<std::string> Channels() override;
    bool Mono() override;
    void Mono(const bool& value) override;
    bool Swap() override;
    void Swap(const bool& value) override;
    std::vector<std::string> Polarity() override;
    void Polarity(const std::vector<std::string>& value) override;
    std::vector<std::string> Speakers() override;
    void Speakers(const std::vector<std::string>& value) override;
    std::vector<sdbus::Struct<std::string, std::string>> SpeakerSets() override;
    bool BassManagement() override;
    bool SubEnabled() override;
    void SubEnabled(const bool& value) override;
    double SubLevel() override;
    void SubLevel(const double& value) override;
    Pair SubLevelRange() override;
    double Crossover() override;
    void Crossover(const double& value) override;
    double SubDelay() override;
    void SubDelay(const double& value) override;
    std::string SubPolarity() override;
    void SubPolarity(const std::string& value) override;
    std::vector<sdbus::Struct<std::string, std::string>> Sources() override;
    Pair VolumeRange() override;
    double VolumeCeiling() override;
    bool Bypass() override;
    double VolumeStep() override;
    Pair BassRange() override;
    Pair TrebleRange() override;
    std::string State() override;
    uint32_t SampleRate() override;
    uint32_t BufferSize() override;
    uint64_t Xruns() override;
    std::vector<std::string> Surfaces() override;
    double DspLoad() override;
    Pair CallbackTime() override;
    bool Standby() override;
    void Standby(const bool& value) override;
    uint64_t StandbyIn() override;

    /// Runs a change, turning core's refusals into D-Bus errors.
    void change(const std::function<void(core::Settings&)>& f);
    /// Every property that announce() watches, as text: all but DspLoad, CallbackTime and
    /// StandbyIn, which change every tick and are polled (EmitsChangedSignal false).
    [[nodiscard]] std::map<std::string, std::string> snapshot();

    Control& control_;
    std::map<std::string, std::string> announced_;
};

} // namespace preamp::dbus
