#pragma once

#include "Audio.hpp"
#include "Process.hpp"
#include "TempDir.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace preamp::test {

/// Runs the real preamp-render ($PREAMP_RENDER) in a fresh temporary directory.
class RenderTest : public ::testing::Test {
protected:
    RenderTest();
    /// Skips under qemu-user (Emulation.hpp), where the first test did not end in 3 min.
    void SetUp() override;

    /// preamp-render `args`, to its end.
    Exit render(const std::vector<std::string>& args, const Redirect& io = {});
    /// `in` written as raw floats, rendered with `extra` options (after --raw --rate
    /// --channels), expected to succeed; the output read back with `out_channels`.
    Audio render_raw(const Audio& in, const std::vector<std::string>& extra, int out_channels);
    /// A process for tests that talk to it while it runs.
    Process start(const std::vector<std::string>& args, const Redirect& io);
    /// A file in the temporary directory.
    [[nodiscard]] std::string path(const std::string& name) const { return dir_ / name; }

    TempDir dir_;
};

/// --raw --rate R --channels C
std::vector<std::string> raw_args(const Audio& a);
/// 20 log10(rms(out) / rms(in)) of channel `c` from frame `from` on.
double gain_db(const Audio& out, const Audio& in, int c, std::size_t from = 0);
/// The analytic gain in dB of a Linkwitz-Riley 4th-order branch (`low`: the low-pass,
/// else the high-pass) at `f` for a crossover at `fc` and rate `fs`: the Butterworth
/// prototype squared through the prewarped bilinear map, r = tan(pi f / fs) / tan(pi fc /
/// fs), |LP| = 1 / (1 + r^4), |HP| = r^4 / (1 + r^4); computed in double, independently of
/// the code under test.
double lr4_db(bool low, double f, double fc, double fs);
/// True when both hold the same bits.
bool same_bits(const Audio& a, const Audio& b);

} // namespace preamp::test
