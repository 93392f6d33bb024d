#pragma once

#include <array>
#include <cstddef>

namespace preamp::core {

/// The equal-loudness contours of ISO 226:2003 ("Acoustics — Normal equal-loudness-level
/// contours"), section 4.1: the sound pressure level Lp(f, LN) of a pure tone at f that a
/// listener with normal hearing finds as loud as a 1 kHz tone at LN dB SPL (LN phon).
///
///     Af = 4.47e-3 (10^(0.025 LN) - 1.15) + (0.4 * 10^((Tf + Lu) / 10 - 9))^af
///     Lp = (10 / af) lg(Af) - Lu + 94   dB SPL
///
/// with the standard's table 1 (af, Lu, Tf at the 29 preferred frequencies, 20 Hz to
/// 12.5 kHz). The standard defines LN from 20 to 90 phon (to 80 phon from 5 kHz up).
/// Between table frequencies Lp is interpolated linearly in log frequency; outside
/// 20 Hz .. 12.5 kHz it is the value at the nearer end.
class Iso226 {
public:
    static constexpr std::size_t kBands = 29;
    static constexpr double kMinPhon = 20.0;
    static constexpr double kMaxPhon = 90.0;

    /// Table 1: the frequencies (Hz) and, at each, the exponent af, the magnitude of the
    /// linear transfer function normalised at 1 kHz Lu (dB) and the hearing threshold Tf
    /// (dB SPL).
    static const std::array<double, kBands> frequency_hz;
    static const std::array<double, kBands> af;
    static const std::array<double, kBands> lu_db;
    static const std::array<double, kBands> tf_db;

    /// Lp at table frequency `band` for a loudness level of `phon`.
    [[nodiscard]] static double spl_db(std::size_t band, double phon) noexcept;
    /// Lp at any frequency `f_hz` (interpolated as said above).
    [[nodiscard]] static double spl_at(double f_hz, double phon) noexcept;
};

} // namespace preamp::core
