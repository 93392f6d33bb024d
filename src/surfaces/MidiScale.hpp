#pragma once

// How a MIDI value 0..127 maps onto a control's range, and back (for feedback).

#include "core/Range.hpp"

namespace preamp::surfaces::midi_scale {

/// The volume curve: 0 is the bottom of the range (volume.min_db, silence), 127 the
/// top (volume.max_db), linear in dB between, rounded to 0.1 dB. With the default
/// -80..0 dB one step is 0.63 dB.
[[nodiscard]] double volume_db(unsigned value, const core::Range& range) noexcept;
/// The value whose volume is nearest `db` (clamped into 0..127).
[[nodiscard]] unsigned volume_value(double db, const core::Range& range) noexcept;

/// Balance, bass and treble: 64 is the centre (0), 0 the bottom of the range, 127 the
/// top, linear on each side; rounded to 0.01 (balance) or 0.1 dB.
[[nodiscard]] double centred(unsigned value, const core::Range& range, double quantum) noexcept;
[[nodiscard]] unsigned centred_value(double v, const core::Range& range) noexcept;

/// What one MIDI step is worth in the range (for soft take-over's "close enough").
[[nodiscard]] double step(const core::Range& range) noexcept;

} // namespace preamp::surfaces::midi_scale
