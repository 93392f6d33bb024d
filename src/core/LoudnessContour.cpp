#include "LoudnessContour.hpp"

#include "Iso226.hpp"

#include <algorithm>
#include <cmath>

namespace preamp::core {
namespace {

constexpr double kReferenceHz = 1000.0;
constexpr std::size_t kSections = 4;
constexpr int kLawsonPasses = 8;

// Section corners are kept below Nyquist at low sample rates, and so are the fit points.
double corner(double f0, double sample_rate) {
    return std::min(f0, 0.45 * sample_rate);
}

double db_at(const dsp::Biquad& q, double sample_rate, double f) {
    return 20.0 * std::log10(std::abs(q.response(sample_rate, f)));
}

double tenth(double db) {
    return std::round(db * 10.0) / 10.0;
}

// Solves the n x n system m x = v in place (Gaussian elimination, partial pivoting).
template <std::size_t N>
std::array<double, N> solve(std::array<std::array<double, N>, N> m, std::array<double, N> v) {
    for (std::size_t c = 0; c < N; ++c) {
        std::size_t p = c;
        for (std::size_t r = c + 1; r < N; ++r)
            if (std::fabs(m[r][c]) > std::fabs(m[p][c])) p = r;
        std::swap(m[c], m[p]);
        std::swap(v[c], v[p]);
        for (std::size_t r = c + 1; r < N; ++r) {
            const double k = m[r][c] / m[c][c];
            for (std::size_t j = c; j < N; ++j)
                m[r][j] -= k * m[c][j];
            v[r] -= k * v[c];
        }
    }
    std::array<double, N> x{};
    for (std::size_t c = N; c-- > 0;) {
        double s = v[c];
        for (std::size_t j = c + 1; j < N; ++j)
            s -= m[c][j] * x[j];
        x[c] = s / m[c][c];
    }
    return x;
}

} // namespace

const LoudnessContour::Shape LoudnessContour::kShape{88.3,    0.485, 201.9,  0.989,
                                                     10111.0, 1.141, 2792.0, 0.877};

double LoudnessContour::target_db(double f_hz, double depth_db) const noexcept {
    const double p = settings_.reference_phon;
    const double l = p - std::clamp(depth_db, 0.0, std::max(0.0, p - dsp::Loudness::kLowestPhon));
    const double boost = Iso226::spl_at(f_hz, l) - Iso226::spl_at(f_hz, p) -
                         (Iso226::spl_at(kReferenceHz, l) - Iso226::spl_at(kReferenceHz, p));
    return std::min(boost, f_hz < kReferenceHz ? settings_.bass_max_db : settings_.treble_max_db);
}

const std::vector<double>& LoudnessContour::fit_frequencies() {
    static const std::vector<double> f = [] {
        // Below 20 Hz the target is the one at 20 Hz: the two points there keep the bass
        // shelf's plateau, which reaches down to 0 Hz, from rising above it.
        std::vector<double> v{10.0, 14.0};
        const auto& table = Iso226::frequency_hz;
        for (std::size_t i = 0; i < table.size(); ++i) {
            v.push_back(table[i]);
            if (i + 1 < table.size()) v.push_back(std::sqrt(table[i] * table[i + 1]));
        }
        return v;
    }();
    return f;
}

LoudnessContour::Sections LoudnessContour::sections(const Gains& g, double fs) const {
    using dsp::Biquad;
    const Shape& s = shape_;
    return {Biquad::low_shelf(fs, corner(s.bass_shelf_hz, fs), g[0], s.bass_shelf_q),
            Biquad::peaking(fs, corner(s.bass_peak_hz, fs), s.bass_peak_q, g[1]),
            Biquad::high_shelf(fs, corner(s.treble_shelf_hz, fs), g[2], s.treble_shelf_q),
            Biquad::peaking(fs, corner(s.treble_peak_hz, fs), s.treble_peak_q, g[3])};
}

LoudnessContour::Gains LoudnessContour::fit(double depth_db, double fs) const {
    Gains g{};
    if (depth_db <= 0.0) return g;
    Problem p;
    for (double v : fit_frequencies())
        if (v < 0.45 * fs) {
            p.f.push_back(v);
            p.target.push_back(target_db(v, depth_db));
        }
    g = minimax(p, g, fs);
    // Where the response passes a cap (a shelf reaches its gain far from its corner, at
    // 0 Hz or toward Nyquist, beyond the fit points), that band's shelf is lowered by the
    // excess and held, and the other sections fitted again; if it still passes, the
    // band's peak is lowered too.
    const auto lower = [&](std::size_t shelf, double over) {
        if (over <= 0.01) return;
        const std::size_t which = p.fixed[shelf] ? shelf + 1 : shelf;
        g[which] -= over;
        p.fixed[which] = true;
    };
    for (int round = 0; round < 4; ++round) {
        const double bass_over = peak_db(g, fs, 1.0, kReferenceHz) - settings_.bass_max_db;
        const double treble_over =
            peak_db(g, fs, kReferenceHz, 0.45 * fs) - settings_.treble_max_db;
        if (bass_over <= 0.01 && treble_over <= 0.01) break;
        lower(0, bass_over);
        lower(2, treble_over);
        g = minimax(p, g, fs);
    }
    return g;
}

double LoudnessContour::peak_db(const Gains& g, double fs, double lo, double hi) const {
    const Sections at = sections(g, fs);
    double peak = -HUGE_VAL;
    constexpr int kPoints = 96;
    for (int i = 0; i <= kPoints; ++i) {
        const double f = lo * std::pow(hi / lo, static_cast<double>(i) / kPoints);
        double v = 0.0;
        for (const auto& q : at)
            v += db_at(q, fs, f);
        peak = std::max(peak, v);
    }
    return peak;
}

LoudnessContour::Gains LoudnessContour::minimax(Problem& p, Gains g, double fs) const {
    // Least squares first; then Lawson's reweighting (each weight times its error) moves
    // the fit toward the smallest largest error, which is what the contour is judged by.
    // The pass with the smallest largest error wins (reweighting a nonlinear fit can
    // also make it worse).
    p.weight.assign(p.f.size(), 1.0);
    Gains best = g;
    double best_error = HUGE_VAL;
    for (int pass = 0; pass <= kLawsonPasses; ++pass) {
        gauss_newton(p, g, fs);
        const std::vector<double> r = residuals(p, g, fs);
        double largest = 0.0, sum = 0.0;
        for (std::size_t k = 0; k < r.size(); ++k) {
            largest = std::max(largest, std::fabs(r[k]));
            p.weight[k] *= std::fabs(r[k]) + 1e-3;
            sum += p.weight[k];
        }
        if (largest < best_error) best_error = largest, best = g;
        for (double& w : p.weight)
            w *= static_cast<double>(p.weight.size()) / sum;
    }
    return best;
}

std::vector<double> LoudnessContour::residuals(const Problem& p, const Gains& g, double fs) const {
    const Sections at = sections(g, fs);
    std::vector<double> r(p.f.size());
    for (std::size_t k = 0; k < r.size(); ++k) {
        r[k] = p.target[k];
        for (const auto& q : at)
            r[k] -= db_at(q, fs, p.f[k]);
    }
    return r;
}

void LoudnessContour::gauss_newton(const Problem& p, Gains& g, double fs) const {
    const std::size_t n = p.f.size();
    // Each section's dB response depends on its own gain only, and nearly linearly, so
    // a few steps converge.
    constexpr double h = 1e-3; // dB, for the derivative
    std::vector<std::array<double, kSections>> resp(n), slope(n);
    for (int iteration = 0; iteration < 30; ++iteration) {
        Gains up = g;
        for (double& v : up)
            v += h;
        const Sections at = sections(g, fs), above = sections(up, fs);
        for (std::size_t k = 0; k < n; ++k)
            for (std::size_t j = 0; j < kSections; ++j) {
                resp[k][j] = db_at(at[j], fs, p.f[k]);
                slope[k][j] = (db_at(above[j], fs, p.f[k]) - resp[k][j]) / h;
            }
        std::array<std::array<double, kSections>, kSections> jtj{};
        std::array<double, kSections> jtr{};
        for (std::size_t k = 0; k < n; ++k) {
            double r = p.target[k];
            for (double v : resp[k])
                r -= v;
            for (std::size_t a = 0; a < kSections; ++a) {
                jtr[a] += p.weight[k] * slope[k][a] * r;
                for (std::size_t b = 0; b < kSections; ++b)
                    jtj[a][b] += p.weight[k] * slope[k][a] * slope[k][b];
            }
        }
        for (std::size_t a = 0; a < kSections; ++a) {
            jtj[a][a] += 1e-9; // keeps the system regular when a section is out of band
            if (p.fixed[a]) {  // a held gain does not move
                jtj[a].fill(0.0);
                for (auto& row : jtj)
                    row[a] = 0.0;
                jtj[a][a] = 1.0;
                jtr[a] = 0.0;
            }
        }
        const auto step = solve(jtj, jtr);
        double largest = 0.0;
        for (std::size_t j = 0; j < kSections; ++j) {
            g[j] += step[j];
            largest = std::max(largest, std::fabs(step[j]));
        }
        if (largest < 1e-4) break;
    }
}

LoudnessContour::Sections LoudnessContour::design(double volume_db, double fs) const {
    return sections(fit(tenth(settings_.depth_db(volume_db)), fs), fs);
}

} // namespace preamp::core
