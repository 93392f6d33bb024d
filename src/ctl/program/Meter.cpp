#include "Meter.hpp"

#include "Format.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>

namespace preamp::ctl {

std::string Meter::bar(double dbfs) {
    int filled = 0;
    if (std::isfinite(dbfs)) {
        const double fraction = (std::clamp(dbfs, kFloorDb, 0.0) - kFloorDb) / -kFloorDb;
        filled = static_cast<int>(std::lround(fraction * kBarWidth));
    }
    return std::string(static_cast<std::size_t>(filled), '#') +
           std::string(static_cast<std::size_t>(kBarWidth - filled), '-');
}

std::string Meter::no_levels(const std::string& state) {
    const std::string what =
        state == "waiting-for-jack" ? "waiting for its JACK server" : "in state " + state;
    return "preampd is " + what + ": no levels until it runs on JACK";
}

std::string Meter::json_array(const Levels& levels) {
    std::string json = "[";
    for (const auto& l : levels) {
        json += (json.size() > 1 ? ", " : "") + std::string("{\"port\": ") +
                format::json_string(std::get<0>(l)) +
                ", \"peak_dbfs\": " + format::json_number(std::get<1>(l)) +
                ", \"rms_dbfs\": " + format::json_number(std::get<2>(l)) +
                ", \"clips\": " + std::to_string(std::get<3>(l)) + "}";
    }
    return json + "]";
}

std::string Meter::round(const Levels& levels) const {
    if (json_) return "{\"levels\": " + json_array(levels) + "}\n";
    if (levels.empty()) return no_levels("waiting-for-jack") + (tty_ ? "\x1b[K\n" : "\n");
    std::size_t width = 0;
    for (const auto& l : levels)
        width = std::max(width, std::get<0>(l).size());
    std::string out;
    for (const auto& l : levels) {
        const auto& port = std::get<0>(l);
        const auto numbers = "peak " + format::fixed(std::get<1>(l), 1) + " rms " +
                             format::fixed(std::get<2>(l), 1) + " dBFS clips " +
                             std::to_string(std::get<3>(l));
        if (tty_)
            out += port + std::string(width + 2 - port.size(), ' ') + "[" + bar(std::get<1>(l)) +
                   "] " + numbers + "\x1b[K\n";
        else
            out += (out.empty() ? "" : "  ") + port + " " + numbers;
    }
    return tty_ ? out : out + "\n";
}

int Meter::run() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);

    using clock = std::chrono::steady_clock;
    const auto period = std::chrono::milliseconds(kPeriodMs);
    auto next = clock::now();
    for (;;) {
        const auto levels = preamp_.GetMeters();
        std::string out;
        if (tty_ && !json_ && drawn_ > 0)
            out = "\x1b[" + std::to_string(drawn_) + "A"; // back to the first meter
        out += round(levels);
        if (tty_ && !json_) {
            out += "\x1b[J"; // a port fewer than before: clear what is left below
            drawn_ = std::max<std::size_t>(levels.size(), 1); // the no_levels line
        }
        std::fputs(out.c_str(), stdout);
        std::fflush(stdout);

        next += period;
        const auto now = clock::now();
        if (next < now) next = now; // a slow call: no catching up in a burst
        const auto wait = std::chrono::duration_cast<std::chrono::nanoseconds>(next - now);
        timespec timeout{};
        timeout.tv_sec = static_cast<std::time_t>(wait.count() / 1'000'000'000);
        timeout.tv_nsec = static_cast<long>(wait.count() % 1'000'000'000);
        for (;;) {
            if (sigtimedwait(&set, nullptr, &timeout) >= 0) return 0;
            if (errno != EINTR) break; // EAGAIN: time for the next round
        }
    }
}

} // namespace preamp::ctl
