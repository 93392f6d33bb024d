// control_storm: sets org.preampd.Preamp1.Volume over sd-bus at RATE calls a second for
// DURATION seconds, paced to an absolute schedule, and prints one line:
//   calls=N errors=E seconds=S rate=R p50_us=.. p99_us=.. max_us=..
// Built and run by tests/bench/control.sh (the bus is $DBUS_SESSION_BUS_ADDRESS).
//
//   control_storm RATE DURATION [LOW_DB HIGH_DB]
#include <systemd/sd-bus.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 3 && argc != 5) {
        std::fprintf(stderr, "usage: control_storm RATE DURATION [LOW_DB HIGH_DB]\n");
        return 2;
    }
    const double rate = std::atof(argv[1]);
    const double duration = std::atof(argv[2]);
    const double low = argc == 5 ? std::atof(argv[3]) : -30.0;
    const double high = argc == 5 ? std::atof(argv[4]) : -20.0;
    if (rate <= 0 || duration <= 0) {
        std::fprintf(stderr, "control_storm: RATE and DURATION must be positive\n");
        return 2;
    }

    sd_bus* bus = nullptr;
    if (int r = sd_bus_open_user(&bus); r < 0) {
        std::fprintf(stderr, "control_storm: sd_bus_open_user: %s\n", std::strerror(-r));
        return 1;
    }

    using clock = std::chrono::steady_clock;
    const auto period = std::chrono::duration<double>(1.0 / rate);
    const auto total = static_cast<long>(rate * duration);
    std::vector<double> lat_us;
    lat_us.reserve(static_cast<std::size_t>(total));
    long errors = 0;
    const auto start = clock::now();
    for (long i = 0; i < total; ++i) {
        std::this_thread::sleep_until(
            start + std::chrono::duration_cast<clock::duration>(period * static_cast<double>(i)));
        const double value = low + (high - low) * static_cast<double>(i % 11) / 10.0;
        // SD_BUS_ERROR_NULL, without its C compound literal (clang: -Wc99-extensions).
        sd_bus_error error{};
        const auto t0 = clock::now();
        const int r = sd_bus_set_property(bus, "org.preampd.Preamp", "/org/preampd/Preamp",
                                          "org.preampd.Preamp1", "Volume", &error, "d", value);
        const auto t1 = clock::now();
        if (r < 0) {
            if (errors++ < 5)
                std::fprintf(stderr, "control_storm: set Volume %.1f: %s\n", value,
                             error.message ? error.message : std::strerror(-r));
        } else {
            lat_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        }
        sd_bus_error_free(&error);
    }
    const double seconds = std::chrono::duration<double>(clock::now() - start).count();
    sd_bus_flush_close_unref(bus);

    std::sort(lat_us.begin(), lat_us.end());
    auto pct = [&](double p) {
        if (lat_us.empty()) return 0.0;
        auto k = static_cast<std::size_t>(p * static_cast<double>(lat_us.size() - 1) + 0.5);
        return lat_us[k];
    };
    std::printf("calls=%zu errors=%ld seconds=%.3f rate=%.1f p50_us=%.0f p99_us=%.0f max_us=%.0f\n",
                lat_us.size(), errors, seconds, static_cast<double>(lat_us.size()) / seconds,
                pct(0.50), pct(0.99), lat_us.empty() ? 0.0 : lat_us.back());
    return errors == 0 ? 0 : 1;
}
