#include "JackHealth.hpp"

#include "Log.hpp"

#include <string>

namespace preamp::daemon {

bool JackHealth::tick(const JackReadings& r, bool jack_running) {
    readings_ = r;
    bool alive = !jack_running;
    if (jack_running) {
        alive = r.periods != periods_;
        periods_ = r.periods;
    }
    const std::uint64_t xruns = inherited_ + r.xruns;
    if (xruns != xruns_)
        log::warning("JACK xruns: " + std::to_string(xruns - xruns_) + " (" +
                     std::to_string(xruns) + " since start)");
    xruns_ = xruns;
    return alive;
}

} // namespace preamp::daemon
