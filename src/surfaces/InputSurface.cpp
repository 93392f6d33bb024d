// InputSurface: input events (keys, buttons, relative axes) into Settings changes.

#include "InputSurface.hpp"

#include <exception>

namespace preamp::surfaces {
namespace {

using A = core::InputMapping::Action;

constexpr std::int32_t kReleased = 0, kPressed = 1; // 2: the device's own repeat

// A switch's field in the State and its setter in Settings.
struct Switch {
    A action;
    bool core::State::*field;
    bool (core::Settings::*set)(bool);
};
constexpr Switch kSwitches[] = {
    {A::mute, &core::State::mute, &core::Settings::set_mute},
    {A::dim, &core::State::dim, &core::Settings::set_dim},
    {A::mono, &core::State::mono, &core::Settings::set_mono},
    {A::direct, &core::State::direct, &core::Settings::set_direct},
    {A::loudness, &core::State::loudness, &core::Settings::set_loudness},
    {A::standby, &core::State::standby, &core::Settings::set_standby},
};

std::chrono::steady_clock::duration ms(double v) {
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double, std::milli>(v));
}

} // namespace

InputSurface::InputSurface(const core::Config& config, SurfaceHost host) : host_(std::move(host)) {
    configure(config);
}

void InputSurface::configure(const core::Config& config) {
    map_ = config.input.mappings(config.inputs);
    delay_ = ms(config.input.repeat_delay_ms);
    interval_ = ms(config.input.repeat_interval_ms);
    accelerate_ = config.input.accelerate;
    held_.reset();
}

int InputSurface::repeat_steps(unsigned n, bool accelerate) noexcept {
    if (!accelerate || n < 10) return 1;
    return n < 20 ? 2 : 4;
}

const core::InputMapping* InputSurface::find(unsigned type, unsigned code) const {
    for (const core::InputMapping& m : map_)
        if (m.type == type && m.code == code) return &m;
    return nullptr;
}

void InputSurface::run(const std::function<void(core::Settings&)>& f) {
    try {
        host_.change(f);
        warned_.clear();
    } catch (const std::exception& e) {
        const std::string why = std::string("input: ") + e.what();
        if (why != warned_) host_.warn(why); // once, not for every repeat of a held key
        warned_ = why;
    }
}

void InputSurface::step_volume(const core::InputMapping& m, double steps) {
    run([&](core::Settings& st) {
        const double step = m.step_db > 0.0 ? m.step_db : st.config().volume.step_db;
        st.step_volume(steps * step);
    });
}

void InputSurface::press(std::size_t index, Clock::time_point now) {
    const core::InputMapping& m = map_[index];
    switch (m.action) {
    case A::volume_up:
    case A::volume_down:
        step_volume(m, m.action == A::volume_up ? 1.0 : -1.0);
        held_ = Held{index, now + delay_};
        return;
    case A::source:
        run([&](core::Settings& st) { st.set_source(m.source); });
        return;
    case A::none:
    case A::volume:
        return;
    default:
        break;
    }
    for (const Switch& sw : kSwitches)
        if (sw.action == m.action)
            run([&](core::Settings& st) { (st.*(sw.set))(!(st.state().*(sw.field))); });
}

void InputSurface::handle(const Event& e, Clock::time_point now) {
    const core::InputMapping* m = find(e.type, e.code);
    if (m == nullptr) return; // EV_SYN, EV_MSC scan codes, keys nobody mapped
    const auto index = static_cast<std::size_t>(m - map_.data());
    if (m->type == core::InputMapping::kRel) {
        if (m->action == A::volume && e.value != 0) step_volume(*m, e.value);
        return;
    }
    if (e.value == kPressed) press(index, now);
    if (e.value == kReleased && held_ && held_->mapping == index) held_.reset();
}

void InputSurface::tick(Clock::time_point now) {
    if (!held_ || now < held_->next) return;
    ++held_->repeats;
    const core::InputMapping& m = map_[held_->mapping];
    const int steps = repeat_steps(held_->repeats, accelerate_);
    held_->next = now + interval_; // after a late tick, no burst of the missed repeats
    step_volume(m, m.action == A::volume_up ? steps : -steps);
}

std::optional<InputSurface::Clock::time_point> InputSurface::deadline() const {
    if (!held_) return std::nullopt;
    return held_->next;
}

void InputSurface::release() noexcept {
    held_.reset();
}

} // namespace preamp::surfaces
