#include "PortMeters.hpp"

#include "core/MeterExchange.hpp"
#include "jack/PortNames.hpp"

#include <cmath>

namespace preamp::daemon {

std::vector<dbus::Level> port_meters(const core::Config& cfg, const dsp::Meters& m,
                                     MeteredPorts which) {
    std::vector<dbus::Level> out;
    const double frames = static_cast<double>(m.frames);
    const auto level = [&](const std::string& port, const dsp::ChannelMeter& c) {
        const double rms = frames > 0 ? std::sqrt(c.sum_squares / frames) : 0.0;
        out.push_back(
            {port, core::to_dbfs(static_cast<double>(c.peak)), core::to_dbfs(rms), c.clips});
    };
    // Meters keep channel c of source (or speaker set) k at k * kMaxChannels + c, the
    // port names are k * channels + c.
    const std::size_t channels = cfg.jack.channels.size();
    const auto channel_major = [&](const std::vector<std::string>& ports, const auto& meters) {
        for (std::size_t k = 0; k < ports.size(); ++k) {
            const std::size_t at = (k / channels) * dsp::kMaxChannels + k % channels;
            if (at < meters.size()) level(ports[k], meters[at]);
        }
    };
    if (which == MeteredPorts::inputs_and_outputs)
        channel_major(jack::port_names::inputs(cfg), m.in);
    const auto in_order = [&](const std::vector<std::string>& ports, const auto& meters) {
        for (std::size_t k = 0; k < ports.size() && k < meters.size(); ++k)
            level(ports[k], meters[k]);
    };
    in_order(jack::port_names::rec(cfg), m.rec);
    in_order(jack::port_names::pre(cfg), m.pre);
    in_order(jack::port_names::sub(cfg), m.sub);
    channel_major(jack::port_names::speakers(cfg), m.speakers);
    return out;
}

} // namespace preamp::daemon
