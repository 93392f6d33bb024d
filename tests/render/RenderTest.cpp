#include "RenderTest.hpp"

#include "Emulation.hpp"
#include "Signals.hpp"

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <numbers>

namespace preamp::test {
namespace {

std::string binary() {
    const char* p = std::getenv("PREAMP_RENDER");
    return p != nullptr ? p : "preamp-render";
}

// preamp-render is built for the CPU this test is: under an emulator, the emulator runs it.
std::vector<std::string> argv(const std::vector<std::string>& args) {
    std::vector<std::string> v;
    if (const char* e = emulator()) v.emplace_back(e);
    v.push_back(binary());
    v.insert(v.end(), args.begin(), args.end());
    return v;
}

} // namespace

RenderTest::RenderTest() {
    // A child that dies early must fail the test, not kill it.
    std::signal(SIGPIPE, SIG_IGN);
}

void RenderTest::SetUp() {
    if (auto why = emulation_skip("the test spins in user space after preamp-render has "
                                  "ended (seen in the first test: 24 s of CPU where natively "
                                  "it takes 0.2 s; not pinned down yet)"))
        GTEST_SKIP() << *why;
}

Exit RenderTest::render(const std::vector<std::string>& args, const Redirect& io) {
    Process p(argv(args), io);
    return p.wait();
}

Audio RenderTest::render_raw(const Audio& in, const std::vector<std::string>& extra,
                             int out_channels) {
    write_raw(path("in.f32"), in);
    std::vector<std::string> a = raw_args(in);
    a.insert(a.end(), extra.begin(), extra.end());
    a.insert(a.end(), {path("in.f32"), path("out.f32")});
    const Exit e = render(a);
    EXPECT_EQ(e.status, 0) << e.err;
    return read_raw(path("out.f32"), out_channels, in.rate);
}

Process RenderTest::start(const std::vector<std::string>& args, const Redirect& io) {
    return Process(argv(args), io);
}

std::vector<std::string> raw_args(const Audio& a) {
    return {"--raw", "--rate", std::to_string(a.rate), "--channels", std::to_string(a.channels)};
}

double gain_db(const Audio& out, const Audio& in, int c, std::size_t from) {
    const auto y = out.channel(c);
    const auto x = in.channel(c);
    return db(rms(y, from, y.size()) / rms(x, from, x.size()));
}

double lr4_db(bool low, double f, double fc, double fs) {
    const double r = std::tan(std::numbers::pi * f / fs) / std::tan(std::numbers::pi * fc / fs);
    const double r4 = r * r * r * r;
    return db(low ? 1.0 / (1.0 + r4) : r4 / (1.0 + r4));
}

bool same_bits(const Audio& a, const Audio& b) {
    return a.samples.size() == b.samples.size() &&
           std::memcmp(a.samples.data(), b.samples.data(), a.samples.size() * sizeof(float)) == 0;
}

} // namespace preamp::test
