#pragma once

namespace preamp::dsp {

/// The LOUDNESS button's settings. As the volume falls below the level the listener
/// calibrated as "reference" (where the recording sounds right, heard at
/// `reference_phon`), the ear loses bass much faster than mid-range, and some treble.
/// The contour that makes up for it is the difference between two ISO 226:2003
/// equal-loudness contours (core::LoudnessContour designs it); these are its inputs.
struct Loudness {
    /// The lowest loudness level ISO 226 defines: the contour stops deepening there.
    static constexpr double kLowestPhon = 20.0;

    double reference_db = -10.0;  ///< volume at which no contour is applied
    double reference_phon = 80.0; ///< the listener's loudness level at reference_db
    double bass_max_db = 36.0;    ///< no frequency below 1 kHz is raised more than this
    double treble_max_db = 12.0;  ///< nor any above 1 kHz more than this

    /// How many dB below the reference `volume_db` is: 0 at or above it, at most
    /// reference_phon - kLowestPhon.
    [[nodiscard]] double depth_db(double volume_db) const noexcept;
};

} // namespace preamp::dsp
