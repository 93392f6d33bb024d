#pragma once

namespace preamp::dsp {

/// The LOUDNESS button: as the volume falls below the level the listener calibrated as
/// "reference" (where the recording sounds right), the ear loses bass much faster than
/// mid-range, and treble a little. The contour adds a low shelf and a high shelf whose
/// gains grow linearly with the dB below the reference, up to a cap:
///
///     boost = min(max_db, slope * max(0, reference_db - volume_db))
///
/// The defaults follow the difference between the ISO 226:2003 40-phon and 80-phon
/// contours: about 0.3 dB of extra bass per dB of attenuation around 100 Hz (0.5 at
/// 20 Hz, where a single shelf cannot follow), and under 0.1 dB per dB at 10 kHz.
struct Loudness {
    double reference_db = -10.0;
    double bass_freq_hz = 100.0;
    double bass_slope = 0.3;
    double bass_max_db = 12.0;
    double treble_freq_hz = 10000.0;
    double treble_slope = 0.1;
    double treble_max_db = 4.0;

    struct Boost {
        double bass_db = 0.0;
        double treble_db = 0.0;
    };

    /// The shelf gains at `volume_db`, rounded to 0.1 dB (so that small volume steps
    /// do not churn the filters).
    [[nodiscard]] Boost boost(double volume_db) const noexcept;
};

} // namespace preamp::dsp
