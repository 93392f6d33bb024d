#pragma once

#include "Output.hpp"

#include <sdbus-c++/sdbus-c++.h>
#include <string>

namespace preamp::ctl {

/// preampctl monitor: prints a line for every property of the daemon that changes, as
/// PropertiesChanged announces it: "Volume -20", or {"Volume": -20} with --json. Lines
/// are printed from the connection's event loop thread, and flushed one by one.
class Watcher final : public sdbus::ProxyInterfaces<sdbus::Properties_proxy> {
public:
    Watcher(sdbus::IConnection& connection, std::string name, const char* path, bool json);
    ~Watcher();
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    /// A D-Bus value as people read it ("-20", "on", "cd") or as JSON.
    [[nodiscard]] static std::string text(const sdbus::Variant& value, bool json);

private:
    void onPropertiesChanged(const std::string& interface,
                             const std::map<std::string, sdbus::Variant>& changed,
                             const std::vector<std::string>& invalidated) override;

    bool json_;
};

} // namespace preamp::ctl
