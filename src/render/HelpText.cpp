// Options::help_text(): what preamp-render --help prints (preamp-render(1) says the same).

#include "Options.hpp"

namespace preamp::render {

const char* Options::help_text() noexcept {
    return R"(Usage: preamp-render [OPTIONS] IN OUT

Run IN through preampd's DSP engine, as its only source, and write OUT. "-" is
standard input or output. IN and OUT are sound files (anything libsndfile reads;
OUT's type from its extension: .wav .wave .flac .aiff .aif .aifc .ogg .oga .opus .au
.caf .w64 .rf64, or IN's type when OUT has none or is "-"), or, with --raw,
interleaved native-endian 32-bit float (sox -t f32). OUT keeps IN's sample format
where its type allows.
OUT replaces an existing file only once the whole render has succeeded.

Input:
      --raw              IN and OUT are raw float32 (needs --rate and --channels)
      --rate HZ          sample rate of raw input
      --channels N       channels of raw input, 1 to 8
      --partial          render a truncated IN (its header declares more audio than
                         it holds) as far as it goes, with a warning; without it,
                         a truncated IN is refused

Settings (the daemon's controls; each value checked against its range):
      --volume DB        volume, -120 (silence) to 24 dB; default 0 dB
      --bass DB          bass shelf at 100 Hz, -12 to 12 dB
      --treble DB        treble shelf at 10 kHz, -12 to 12 dB
      --balance X        -1 (left only) to 1 (right only)
      --trim DB          input trim, -24 to 24 dB
      --loudness[=on|off]  volume-dependent loudness contour
      --direct[=on|off]  bypass tone, loudness and balance
      --dim[=on|off]     pre output down by 20 dB
      --mute[=on|off]    pre output silent
      --mono[=on|off]    every channel of the pre output the mean of all
      --swap[=on|off]    channels 1 and 2 (L and R) exchanged on the pre output
      --polarity P[,P...]  normal or inverted, one per channel of IN:
                         --polarity normal,inverted inverts R
      --state FILE       start from a preampd state file (its source, rec source,
                         speaker sets and, without --crossover, sub values are
                         ignored); the options override it
  DB values are plain numbers, optionally followed by "dB": -20, -20dB, +6.

Bass management (the other options need --crossover):
      --crossover HZ     turn bass management on: a Linkwitz-Riley 4th-order
                         crossover at 40 to 250 Hz, the sub output the low-passed
                         mean of all channels
      --mains-highpass[=on|off]  the pre output high-passed at the crossover
                         (default on)
      --sub-level DB     the sub's level, -20 to 10 dB; default 0 dB
      --sub-delay MS     the sub's delay, 0 to 20 ms (1 ms = 343 mm); default 0
      --sub-polarity normal|inverted  the sub's polarity; default normal
      --sub-channels 1|2  one sub channel (default), or 2 for stereo IN: the
                         low-passed left and right channels
  HZ and MS values may end in "Hz" and "ms": 80, 80Hz, 2.5ms.

Output:
      --output pre|rec|sub  the pre output (default: after trim, tone, volume,
                         the crossover's high-pass, mono, swap, polarity), the rec
                         output (the input, bit-exact) or the sub output (one
                         channel, or two with --sub-channels 2)
      --stats            print frames, settings, per-channel levels and clips, and
                         the Inf or NaN samples replaced (as full scale or 0), to
                         stderr
      --peak-chunk       write a PEAK chunk (each channel's peak and where it is)
                         into a float WAV or AIFF OUT; without it none is written

  -h, --help             this text
      --version          print the version

Exit status: 0 done, 1 render failed or a value was refused, 2 usage error.
)";
}

} // namespace preamp::render
