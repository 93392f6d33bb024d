#pragma once

#include "core/Settings.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace preamp::dbus {

/// One port's level since the reader's previous reading.
struct Level {
    std::string port;
    double peak_dbfs;
    double rms_dbfs;
    std::uint64_t clips = 0; ///< samples beyond full scale, since preampd started
};

/// What the running daemon looks like from D-Bus, besides its Settings.
struct Status {
    std::string state; ///< "running", "standby", "waiting-for-jack", "stopping"
    std::uint64_t standby_in_s = 0; ///< until auto-standby; 0 when off or in standby
    std::uint32_t sample_rate = 0;
    std::uint32_t buffer_size = 0;
    std::uint64_t xruns = 0;
    double dsp_load = 0.0;
    double callback_mean_us = 0.0; ///< the process callback, over the last tick
    double callback_max_us = 0.0;
    /// The control surfaces and what they are connected to (Surfaces).
    std::vector<std::string> surfaces;
};

/// The daemon as the D-Bus service drives it (daemon::Instance implements it). Main
/// thread only. No D-Bus type crosses this boundary.
class Control {
public:
    virtual ~Control() = default;

    [[nodiscard]] virtual const core::Settings& settings() const = 0;
    /// Runs `change` on the settings (it throws core::InvalidValue or UnknownSource and
    /// changes nothing when refused), then makes the result heard and saved.
    virtual void change(const std::function<void(core::Settings&)>& change) = 0;
    [[nodiscard]] virtual Status status() const = 0;
    /// The outputs, since the previous levels() of anyone (GetLevels).
    [[nodiscard]] virtual std::vector<Level> levels() = 0;
    /// The inputs and outputs, since the previous meters() of `reader` (GetMeters: a
    /// D-Bus client's unique name), whatever others read meanwhile.
    [[nodiscard]] virtual std::vector<Level> meters(const std::string& reader) = 0;
    /// What a reload ends with: "" once the new configuration is in place, else why it
    /// was refused (the running one stays).
    using ReloadDone = std::function<void(const std::string& error)>;
    /// Throws std::runtime_error with the config error when the file is refused at once;
    /// else `done` is called later, on the main thread (unless it is empty).
    virtual void reload(ReloadDone done) = 0;
    /// Writes the state file now; throws core::SaveFailed (naming the file and the OS
    /// error) when it cannot.
    virtual void save_state() = 0;
};

} // namespace preamp::dbus
