#pragma once

// What the bus itself says about a name, for preampd's clients (preampctl, preamp-mqtt).

#include <sdbus-c++/IConnection.h>
#include <string>

namespace preamp::dbus {

/// Whether some connection owns `name` on the bus of `connection` (NameHasOwner).
/// Throws sdbus::Error as the bus does.
[[nodiscard]] bool has_owner(sdbus::IConnection& connection, const std::string& name);

} // namespace preamp::dbus
