#include "SignalWatch.hpp"

#include "Log.hpp"
#include "core/Standby.hpp"

#include <algorithm>

namespace preamp::daemon {
namespace {

// How often the meters are read from the engine, so that every reader's interval (and
// standby's and auto-select's watch on the inputs) has them however seldom it asks.
constexpr auto kTick = std::chrono::milliseconds(100);

} // namespace

SignalWatch::SignalWatch(EventLoop& loop, core::MeterExchange& meters,
                         const core::Config& config, Host host)
    : meters_(meters), host_(std::move(host)), tick_(loop, [this] { take(); }),
      standby_(loop, config.standby,
               {[this](bool on, const std::string& why) {
                    why_ = why;
                    host_.change([on](core::Settings& s) { s.set_standby(on); });
                },
                [this] {
                    fade_until_ = Clock::now() + standby_.fade();
                    host_.changed();
                }}),
      auto_select_(config, Clock::now()) {}

void SignalWatch::start() {
    tick_.start(kTick, kTick);
}

void SignalWatch::configure(const core::Config& config, bool ports_changed) {
    const auto now = Clock::now();
    standby_.configure(config.standby, now);
    auto_select_ = core::AutoSelect(config, now);
    if (ports_changed) hub_.restart_clips();
}

void SignalWatch::jack_started() {
    standby_.activity(Clock::now()); // no readings while it was away
}

void SignalWatch::changed_from(const core::State& before) {
    const auto now = Clock::now();
    const core::Settings& settings = host_.settings();
    if (core::asks_for_sound(before, settings.state())) {
        standby_.activity(now);
        if (settings.state().standby) {
            // Wakes it: that change comes back here, and standby follows it then.
            host_.change([](core::Settings& s) { s.set_standby(false); });
            return;
        }
    }
    const bool on = settings.state().standby;
    if (on == before.standby) return;
    log::info((on ? "Standby" : "Waking") +
              (why_.empty() ? std::string(": asked for") : ": " + why_));
    why_.clear();
    standby_.follow(on, now);
}

std::vector<dbus::Level> SignalWatch::read(const std::string& reader, MeteredPorts which) {
    if (!host_.jack_running()) return {};
    take();
    return port_meters(host_.settings().config(), hub_.read(reader, Clock::now()), which);
}

void SignalWatch::adjust(dsp::EngineParams& p, double sample_rate) const {
    if (standby_.silent()) p.gain.fill(0.0f);
    if (Clock::now() < fade_until_) {
        const double fade = std::chrono::duration<double>(standby_.fade()).count() * sample_rate;
        p.ramp_frames = std::max(p.ramp_frames, static_cast<std::uint32_t>(fade));
    }
}

void SignalWatch::take() {
    if (!host_.jack_running() || !hub_.fold(meters_.take())) return;
    // Standby and auto-select listen to the inputs' peaks, all channels of each.
    const core::Settings& settings = host_.settings();
    const core::Config& cfg = settings.config();
    std::vector<float> peaks(cfg.inputs.size(), 0.0f);
    for (std::size_t s = 0; s < peaks.size(); ++s)
        for (std::size_t c = 0; c < cfg.jack.channels.size(); ++c)
            peaks[s] = std::max(peaks[s], hub_.latest().in[s * dsp::kMaxChannels + c].peak);
    const auto now = Clock::now();
    const unsigned selected = settings.source_index(settings.state().source);
    standby_.observe(peaks[selected], now);
    if (const auto pick = auto_select_.observe(peaks, selected, now)) {
        const std::string name = cfg.inputs[*pick].name;
        log::info("Auto-select: " + name + " plays while " + settings.state().source +
                  " is silent");
        host_.change([&](core::Settings& s) { s.set_source(name); });
    }
}

} // namespace preamp::daemon
