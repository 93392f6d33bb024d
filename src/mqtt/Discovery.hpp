#pragma once

#include "PreampLink.hpp"
#include "Settings.hpp"

#include <map>
#include <string>

namespace preamp::mqtt {

/// Home Assistant MQTT discovery for one preampd (one device, the instance a device of
/// its own): a retained config per entity at PREFIX/COMPONENT/NODE_ID/OBJECT_ID/config.
/// number: volume (min, max, step from VolumeRange and VolumeStep), bass, treble (their
/// ranges), balance, sub_level (with bass management); select: source, rec_source (the
/// names of the inputs, "follow" first for rec_source); switch: mute, loudness, direct,
/// dim, mono, standby; sensor: state, sample_rate. Each has availability_topic, unique_id
/// and device, and reads BASE/state with a value_template.
class Discovery {
public:
    /// topic → config JSON, for `properties` as they are now.
    [[nodiscard]] static std::map<std::string, std::string>
    messages(const Settings& settings, const PreampLink::Properties& properties);
    /// The subscription that shows what is retained under this device's node id (to clear
    /// what is no longer announced): PREFIX/+/NODE_ID/+/config.
    [[nodiscard]] static std::string retained_pattern(const Settings& settings);
};

} // namespace preamp::mqtt
