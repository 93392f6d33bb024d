#include "PropertyStorm.hpp"

#include "DaemonFixture.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <systemd/sd-bus.h>

namespace preamp::test {
namespace {

struct BusCloser {
    void operator()(sd_bus* bus) const noexcept { sd_bus_flush_close_unref(bus); }
};
using Bus = std::unique_ptr<sd_bus, BusCloser>;

// A client connection to the bus at `address`; null, and why in `error`, if it fails.
Bus connect(const std::string& address, std::string& error) {
    sd_bus* raw = nullptr;
    int r = sd_bus_new(&raw);
    Bus bus(raw);
    if (r >= 0) r = sd_bus_set_address(raw, address.c_str());
    if (r >= 0) r = sd_bus_set_bus_client(raw, 1);
    if (r >= 0) r = sd_bus_start(raw);
    if (r >= 0) return bus;
    error = "connecting to " + address + ": " + std::strerror(-r);
    return {};
}

} // namespace

PropertyStorm::PropertyStorm(const std::string& address, unsigned clients,
                             std::vector<std::string> sources, StormOutputs outputs)
    : sources_(std::move(sources)), outputs_(std::move(outputs)), client_errors_(clients) {
    for (unsigned c = 0; c < clients; ++c)
        threads_.emplace_back([this, address, c] { run(address, c, client_errors_[c]); });
}

PropertyStorm::~PropertyStorm() {
    stop();
}

void PropertyStorm::stop() {
    stopping_ = true;
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    for (const auto& e : client_errors_)
        if (first_error_.empty()) first_error_ = e;
}

void PropertyStorm::run(const std::string& address, unsigned client, std::string& error) {
    const Bus bus = connect(address, error);
    if (!bus) {
        errors_.fetch_add(1);
        return;
    }
    const unsigned kinds = outputs_.on ? 17 : 9;
    auto next = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; !stopping_.load(); ++i) {
        // Paced, not synchronised: at most one set a millisecond, never catching up in bursts.
        next = std::max(next + std::chrono::milliseconds(1), std::chrono::steady_clock::now());
        std::this_thread::sleep_until(next);
        const std::uint64_t round = i / kinds + client * 7;
        // SD_BUS_ERROR_NULL, without its C compound literal (clang: -Wc99-extensions).
        sd_bus_error e{};
        const char* property = "";
        const auto set = [&](const char* name, const char* type, auto value) {
            property = name;
            return sd_bus_set_property(bus.get(), kName, kPath, kInterface, name, &e, type, value);
        };
        const auto d = [](std::uint64_t v) { return static_cast<double>(v); };
        const auto b = [](bool v) { return static_cast<int>(v); };
        int r = 0;
        switch (i % kinds) {
        case 0:
            r = set("Volume", "d", -60.0 + d(round % 55));
            break;
        case 1:
            r = set("Bass", "d", d(round % 25) - 12.0);
            break;
        case 2:
            r = set("Treble", "d", 12.0 - d(round % 25));
            break;
        case 3:
            r = set("Balance", "d", (d(round % 21) - 10.0) / 10.0);
            break;
        case 4:
            r = set("Mute", "b", b(round % 2 == 1));
            break;
        case 5:
            r = set("Source", "s", sources_[round % sources_.size()].c_str());
            break;
        case 6:
            r = set("Loudness", "b", b(round % 3 == 0));
            break;
        case 7:
            r = set("Direct", "b", b(round % 4 == 0));
            break;
        case 8:
            r = set("Dim", "b", b(round % 5 == 0));
            break;
        case 9:
            r = set("SubEnabled", "b", b(round % 3 != 0));
            break;
        case 10:
            r = set("SubLevel", "d", d(round % 31) - 20.0);
            break;
        case 11:
            r = set("Crossover", "d", 40.0 + d(round % 22) * 10.0);
            break;
        case 12:
            r = set("SubDelay", "d", d(round % 21));
            break;
        case 13:
            r = set("Mono", "b", b(round % 4 == 1));
            break;
        case 14:
            r = set("Swap", "b", b(round % 5 == 2));
            break;
        case 15:
            property = "Polarity";
            r = sd_bus_set_property(bus.get(), kName, kPath, kInterface, "Polarity", &e, "as", 2,
                                    round % 3 == 0 ? "inverted" : "normal",
                                    round % 2 == 0 ? "inverted" : "normal");
            break;
        default: {
            // "a", a set, or both: never none.
            const std::string& other = outputs_.sets.empty()
                                           ? std::string("a")
                                           : outputs_.sets[round % outputs_.sets.size()];
            property = "Speakers";
            if (round % 3 == 0)
                r = sd_bus_set_property(bus.get(), kName, kPath, kInterface, "Speakers", &e, "as",
                                        1, "a");
            else if (round % 3 == 1)
                r = sd_bus_set_property(bus.get(), kName, kPath, kInterface, "Speakers", &e, "as",
                                        1, other.c_str());
            else
                r = sd_bus_set_property(bus.get(), kName, kPath, kInterface, "Speakers", &e, "as",
                                        2, "a", other.c_str());
            break;
        }
        }
        if (r >= 0) {
            sets_.fetch_add(1);
        } else {
            errors_.fetch_add(1);
            if (error.empty())
                error = std::string(property) + ": " + (e.name != nullptr ? e.name : "") + ": " +
                        (e.message != nullptr ? e.message : std::strerror(-r));
        }
        sd_bus_error_free(&e);
    }
}

} // namespace preamp::test
