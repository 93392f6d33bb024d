#pragma once
// The fixture of the preampctl tests (test_preampctl, test_preampctl_json): a DaemonTest
// that runs the real preampctl ($PREAMPCTL) on the private bus.

#include "DaemonFixture.hpp"
#include "Pattern.hpp"
#include "PollUntil.hpp"

#include <chrono>
#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace preamp::test {

using namespace std::chrono_literals;

class PreampctlTest : public DaemonTest {
protected:
    void SetUp() override {
        DaemonTest::SetUp();
        if (IsSkipped()) return;
        const auto program = program_from_env("PREAMPCTL");
        if (!program) GTEST_SKIP() << "PREAMPCTL is not set";
        preampctl_ = *program;
    }
    void start() { start_controlled(); }
    /// How a preampctl run ended (its exit status; 128 + N for signal N; -1 if it was
    /// still running at the timeout) and what it printed, stdout and stderr.
    struct Run {
        int status = -1;
        std::string out;
    };
    /// preampctl ARGS on the private bus.
    Run ctl(const std::vector<std::string>& args, std::chrono::milliseconds timeout = 5s) {
        ProcessOptions o;
        o.env = bus->env();
        DaemonProcess p(preampctl_, args, o);
        const auto status = p.wait_exit(timeout);
        if (!status) return {-1, p.log()};
        return {WIFEXITED(*status) ? WEXITSTATUS(*status) : 128 + WTERMSIG(*status), p.log()};
    }
    /// `preampctl monitor`, once it prints changes: until its subscription is in place
    /// changes pass unseen, so the volume goes between -20 and -21 dB until one shows.
    void start_monitor(std::optional<DaemonProcess>& monitor) {
        ProcessOptions o;
        o.env = bus->env();
        DaemonProcess& m = monitor.emplace(preampctl_, std::vector<std::string>{"monitor"}, o);
        int n = 0;
        EXPECT_TRUE(poll_until(
            [&] {
                set("Volume", "d", ++n % 2 ? "-20" : "-21");
                return m.wait_for_log(Pattern("Volume -2[01]\n"), 100ms);
            },
            5s))
            << m.log();
    }
    /// Whether python3's json module accepts `text`.
    static bool valid_json(const std::string& text) {
        DaemonProcess p("python3", {"-c", "import json, sys; json.loads(sys.argv[1])", text});
        const auto status = p.wait_exit(5s);
        return status && WIFEXITED(*status) && WEXITSTATUS(*status) == 0;
    }

    /// The shape of the JSON `text` as python3's json module reads it: keys in order, each
    /// with the type of its value (float, int, bool, str, null; a list as [the shape of its
    /// first element]; an object as {…}), e.g. "{volume_db:float,mute:bool}"; "" if
    /// `text` is no JSON. A whole number printed without a point reads as an int.
    static std::string json_shape(const std::string& text) {
        static constexpr const char* kShape =
            "import json, sys\n"
            "def t(v):\n"
            "    if isinstance(v, dict): return '{' + ','.join(k + ':' + t(x) for k, x in v.items()) + '}'\n"
            "    if isinstance(v, list): return '[' + (t(v[0]) if v else '') + ']'\n"
            "    return {bool: 'bool', int: 'int', float: 'float', str: 'str', type(None): 'null'}[type(v)]\n"
            "print(t(json.loads(sys.argv[1])), end='')\n";
        DaemonProcess p("python3", {"-c", kShape, text});
        const auto status = p.wait_exit(5s);
        if (!status || !WIFEXITED(*status) || WEXITSTATUS(*status) != 0) return "";
        return p.log();
    }

    std::string preampctl_;
};

} // namespace preamp::test
