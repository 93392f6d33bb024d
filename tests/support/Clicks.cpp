#include "Clicks.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

namespace preamp::test::clicks {

float programme(unsigned s, unsigned c, std::size_t n) {
    const double f = s == 0 ? 20.0 : 27.0;
    const double a = s == 0 ? 0.2 : 0.15;
    const double dc = s == 0 ? 0.3 : -0.25;
    return static_cast<float>(
        dc + a * std::sin(2 * std::numbers::pi * f * static_cast<double>(n) / kFs + 0.3 * c + s));
}

Outcome measure(const std::vector<float>& y, std::size_t ramp) {
    const double before = peak(y, kChange - 2400, kChange);
    const double after = peak(y, kLength - 4800, kLength);
    const double all = peak(y, kChange - 2400, kLength);
    const double natural = all * 2 * std::sin(std::numbers::pi * kFmax / kFs);
    const double ramp_min = std::min<double>(static_cast<double>(ramp), 0.020 * kFs);
    const double bound = natural + (before + after) * (std::numbers::pi / 2) / ramp_min + 1e-6;
    return {max_step(y, kChange - 2400, kLength), bound};
}

namespace {

const char* name(Output o) {
    switch (o) {
    case Output::pre:
        return "pre_out";
    case Output::rec:
        return "rec_out";
    case Output::sub:
        return "sub_out";
    case Output::speakers:
        return "speaker set";
    }
    return "?";
}

const std::vector<std::vector<float>>& channels(const Capture& out, Output o) {
    switch (o) {
    case Output::rec:
        return out.rec;
    case Output::sub:
        return out.sub;
    case Output::speakers:
        return out.speakers;
    case Output::pre:
        break;
    }
    return out.pre;
}

} // namespace

std::string failures(const Case& c) {
    std::ostringstream why;
    for (bool abrupt : {false, true}) {
        auto cfg = stereo_config(2);
        if (abrupt && c.abrupt == Abrupt::short_ramp) cfg.volume.ramp_ms = 1;
        Rig rig(cfg, kFs, true, c.layout);
        const auto ramp = static_cast<std::size_t>(0.030 * kFs);
        rig.settings().set_volume(0);
        if (c.setup) c.setup(rig);
        rig.update();
        rig.engine().reset(rig.params());
        const auto out = rig.run(kLength, programme, kPeriod, [&](std::size_t n) {
            if (n != kChange) return;
            c.change(rig);
            rig.update();
            if (abrupt && c.abrupt == Abrupt::reset) rig.engine().reset(rig.params());
        });
        for (Output o : c.outputs) {
            const auto& ys = channels(out, o);
            if (ys.empty()) why << c.what << ": the rig has no " << name(o) << "\n";
            for (std::size_t k = 0; k < ys.size(); ++k) {
                const Outcome r = measure(ys[k], ramp);
                if (abrupt && r.step <= r.bound)
                    why << c.what << ": the detector missed an abrupt change on " << name(o)
                        << " channel " << k << " (step " << r.step << " <= " << r.bound << ")\n";
                if (!abrupt && r.step > r.bound)
                    why << c.what << ": click on " << name(o) << " channel " << k << " (step "
                        << r.step << " > " << r.bound << ")\n";
            }
        }
    }
    return why.str();
}

} // namespace preamp::test::clicks
