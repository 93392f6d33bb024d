#pragma once

#include "Output.hpp"

#include <sdbus-c++/sdbus-c++.h>
#include <string>
#include <string_view>

namespace preamp::ctl {

/// preampctl monitor: prints a line for every property of the daemon that changes, as
/// PropertiesChanged announces it: "Volume -20", or with --json {"volume_db": -20.0}, in
/// the keys and values of the other commands (Vocabulary). Lines are printed from the
/// connection's event loop thread, and flushed one by one.
class Watcher final : public sdbus::ProxyInterfaces<sdbus::Properties_proxy> {
public:
    Watcher(sdbus::IConnection& connection, std::string name, const char* path, bool json);
    ~Watcher();
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    /// The value of `property` as people read it ("-20", "on", "cd"; "-" for a rate not
    /// known yet).
    [[nodiscard]] static std::string text(std::string_view property,
                                          const sdbus::Variant& value);

private:
    void onPropertiesChanged(const std::string& interface,
                             const std::map<std::string, sdbus::Variant>& changed,
                             const std::vector<std::string>& invalidated) override;

    bool json_;
};

} // namespace preamp::ctl
