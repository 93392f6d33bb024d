#pragma once

#include "dsp/Biquad.hpp"
#include "dsp/Loudness.hpp"

#include <array>
#include <vector>

namespace preamp::core {

/// The loudness contour, designed on the main thread. What it aims at (target_db): at a
/// volume d dB below the reference, the listener hears at L = reference_phon - d phon
/// instead of at reference_phon, and ISO 226 says a tone at f then needs
///
///     boost(f) = [Lp(f, L) - Lp(f, reference_phon)] - [Lp(1k, L) - Lp(1k, reference_phon)]
///
/// more (Lp: core::Iso226), 0 dB at 1 kHz by construction, capped at bass_max_db below
/// 1 kHz and treble_max_db above it. d stops growing at 20 phon, the lowest contour.
/// How it follows it (design): a low shelf and a peaking EQ for the bass, a high shelf and
/// a peaking EQ for the treble, RBJ sections of fixed frequencies and Q whose four gains
/// are fitted to the target in dB at fit_frequencies() (the 29 ISO 226 frequencies, the
/// 28 points halfway between, and two below 20 Hz that hold the bass shelf's plateau near
/// the 20 Hz value): least squares by Gauss-Newton, then Lawson's reweighting toward the
/// smallest largest error. Where the response would pass a cap at any frequency (0 Hz to
/// Nyquist), that band's shelf is lowered and held and the others fitted again. A few
/// ms (under 3), on the main thread, when the volume changes.
class LoudnessContour {
public:
    /// The sections' fixed frequencies (Hz) and Q.
    struct Shape {
        double bass_shelf_hz, bass_shelf_q, bass_peak_hz, bass_peak_q;
        double treble_shelf_hz, treble_shelf_q, treble_peak_hz, treble_peak_q;
    };
    static const Shape kShape;

    /// The four gains (dB), in ToneParams order: bass shelf, bass peak, treble shelf,
    /// treble peak.
    using Gains = std::array<double, 4>;
    using Sections = std::array<dsp::Biquad, 4>;

    explicit LoudnessContour(const dsp::Loudness& settings, const Shape& shape = kShape)
        : settings_(settings), shape_(shape) {}

    /// What ISO 226 asks at `f_hz`, `depth_db` below the reference (capped).
    [[nodiscard]] double target_db(double f_hz, double depth_db) const noexcept;
    /// The frequencies the gains are fitted at.
    [[nodiscard]] static const std::vector<double>& fit_frequencies();

    /// The least-squares gains for `depth_db` at `sample_rate` (all 0 at depth 0).
    [[nodiscard]] Gains fit(double depth_db, double sample_rate) const;
    /// The sections with these gains.
    [[nodiscard]] Sections sections(const Gains& gains, double sample_rate) const;
    /// Main thread: the sections at `volume_db`, fitted for its depth rounded to 0.1 dB
    /// (so that smaller volume steps do not churn the filters). Identity sections at and
    /// above the reference.
    [[nodiscard]] Sections design(double volume_db, double sample_rate) const;

private:
    struct Problem {
        std::vector<double> f, target, weight;
        std::array<bool, 4> fixed{}; ///< gains the fit leaves where they are
    };
    // Fits the free gains of `g` to p toward the smallest largest error.
    Gains minimax(Problem& p, Gains g, double sample_rate) const;
    // Fits `g` to p by weighted least squares, starting from where it is.
    void gauss_newton(const Problem& p, Gains& g, double sample_rate) const;
    // The largest response from lo to hi (dB).
    [[nodiscard]] double peak_db(const Gains& g, double sample_rate, double lo, double hi) const;
    // Target minus response at p's frequencies (dB).
    [[nodiscard]] std::vector<double> residuals(const Problem& p, const Gains& g,
                                                double sample_rate) const;

    dsp::Loudness settings_;
    Shape shape_;
};

} // namespace preamp::core
