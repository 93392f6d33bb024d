#include "BusNames.hpp"

#include <sdbus-c++/sdbus-c++.h>

namespace preamp::dbus {

bool has_owner(sdbus::IConnection& connection, const std::string& name) {
    const auto bus =
        sdbus::createProxy(connection, "org.freedesktop.DBus", "/org/freedesktop/DBus");
    bool owned = false;
    bus->callMethod("NameHasOwner")
        .onInterface("org.freedesktop.DBus")
        .withArguments(name)
        .storeResultsTo(owned);
    return owned;
}

} // namespace preamp::dbus
