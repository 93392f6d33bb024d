#pragma once

#include <cstdint>
#include <string>
#include <systemd/sd-bus.h>
#include <tuple>
#include <vector>

namespace preamp::test {

/// A client connection of the test's own to a bus, made with sd-bus: one unique name for
/// as long as it lives (busctl makes a new one for every call), and the names it owns are
/// released when it is closed, as when a service's process ends.
class BusConnection {
public:
    explicit BusConnection(const std::string& address);
    ~BusConnection();
    BusConnection(const BusConnection&) = delete;
    BusConnection& operator=(const BusConnection&) = delete;

    /// sd_bus_request_name: 0 or more on success, -errno on failure (-EACCES: denied).
    int request_name(const std::string& name);
    /// Its unique name (":1.42").
    [[nodiscard]] std::string unique_name();

    /// (port, peak dBFS, RMS dBFS, clips), as GetMeters answers.
    using Meter = std::tuple<std::string, double, double, std::uint64_t>;
    /// Calls GetMeters of preampd (`destination`, kPath) on this connection; throws
    /// std::runtime_error with the D-Bus error when it fails.
    [[nodiscard]] std::vector<Meter> get_meters(const std::string& destination);

private:
    sd_bus* bus_ = nullptr;
};

} // namespace preamp::test
