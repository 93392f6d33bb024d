#pragma once

// What a control surface needs of the daemon: the model, the one way of changing it,
// and a log line.

#include "core/Settings.hpp"

#include <functional>
#include <string>

namespace preamp::surfaces {

/// The daemon as a surface sees it (MidiSurface, InputSurface). Main thread only.
struct SurfaceHost {
    using Change = std::function<void(const std::function<void(core::Settings&)>&)>;
    std::function<const core::Settings&()> settings;
    Change change; ///< throws what Settings throws, having changed nothing
    std::function<void(const std::string&)> warn;
};

} // namespace preamp::surfaces
