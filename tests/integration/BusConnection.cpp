#include "BusConnection.hpp"

#include <cstring>
#include <stdexcept>

namespace preamp::test {
namespace {

void check(int r, const char* what) {
    if (r < 0) throw std::runtime_error(std::string(what) + ": " + std::strerror(-r));
}

/// Frees an sd_bus_message when it goes out of scope.
struct MessageRef {
    sd_bus_message* m = nullptr;
    ~MessageRef() { sd_bus_message_unref(m); }
};

} // namespace

BusConnection::BusConnection(const std::string& address) {
    check(sd_bus_new(&bus_), "sd_bus_new");
    check(sd_bus_set_address(bus_, address.c_str()), "sd_bus_set_address");
    check(sd_bus_set_bus_client(bus_, 1), "sd_bus_set_bus_client");
    check(sd_bus_start(bus_), "sd_bus_start");
}

BusConnection::~BusConnection() {
    sd_bus_flush_close_unref(bus_);
}

int BusConnection::request_name(const std::string& name) {
    return sd_bus_request_name(bus_, name.c_str(), 0);
}

std::string BusConnection::unique_name() {
    const char* name = nullptr;
    check(sd_bus_get_unique_name(bus_, &name), "sd_bus_get_unique_name");
    return name;
}

std::vector<BusConnection::Meter> BusConnection::get_meters(const std::string& destination) {
    sd_bus_error error = SD_BUS_ERROR_NULL;
    MessageRef reply;
    const int r = sd_bus_call_method(bus_, destination.c_str(), "/org/preampd/Preamp",
                                     "org.preampd.Preamp1", "GetMeters", &error, &reply.m, "");
    if (r < 0) {
        const std::string what = std::string("GetMeters: ") +
                                 (error.message != nullptr ? error.message : std::strerror(-r));
        sd_bus_error_free(&error);
        throw std::runtime_error(what);
    }
    std::vector<Meter> out;
    check(sd_bus_message_enter_container(reply.m, 'a', "(sddt)"), "GetMeters' array");
    const char* port = nullptr;
    double peak = 0.0, rms = 0.0;
    std::uint64_t clips = 0;
    for (;;) {
        const int read = sd_bus_message_read(reply.m, "(sddt)", &port, &peak, &rms, &clips);
        check(read, "GetMeters' entry");
        if (read == 0) break; // the end of the array
        out.emplace_back(port, peak, rms, clips);
    }
    return out;
}

} // namespace preamp::test
