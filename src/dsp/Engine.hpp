#pragma once

#include "Limits.hpp"
#include "LinkwitzRiley.hpp"
#include "Meters.hpp"
#include "MonitorMixer.hpp"
#include "OutputStage.hpp"
#include "Outputs.hpp"
#include "Selector.hpp"
#include "Smoother.hpp"
#include "ToneStack.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace preamp::dsp {

/// One complete, immutable parameter snapshot, built on the control side
/// (core::make_engine_params) with all the maths done; the RT thread only ramps to it.
struct EngineParams {
    std::uint32_t source = 0;     ///< pre path source index
    std::uint32_t rec_source = 0; ///< rec path source index
    ToneParams tone{};            ///< identity when Direct or flat
    /// Linear gain per channel after the tone section: trim * balance * volume * dim * mute.
    std::array<float, kMaxChannels> gain{};
    std::uint32_t ramp_frames = 0; ///< length of every gain ramp and filter crossfade
    /// Bass management (when the engine has sub_out), the monitor mix and the speaker
    /// sets; the defaults leave pre_out as the gains make it.
    BassParams bass{};
    MonitorMix mix = identity_mix();
    std::array<SpeakerParams, kMaxSpeakerSets> speakers{};
    /// Which set of sources the indices refer to; a snapshot for another layout is not
    /// applied (the daemon counts up when inputs are added or removed).
    std::uint32_t layout = 0;
};

/// Where one period's audio lives. in[s * channels + c] is source s, channel c.
/// rec may be null when nobody wants rec_out. sub[k] is sub_out channel k (of
/// OutputLayout::sub_channels); speakers[(s - 1) * channels + c] is speaker set s >= 1,
/// channel c (pre is set 0); both are required when the layout has them.
struct EngineIo {
    const float* const* in = nullptr;
    float* const* rec = nullptr;
    float* const* pre = nullptr;
    float* const* sub = nullptr;
    float* const* speakers = nullptr;
};

/// The whole signal flow of one period: select -> rec_out, and
/// select -> tone/loudness -> gains -> bass split (sub_out: low-pass -> sub gain ->
/// delay; the mains: high-pass crossfaded in) -> monitor mix -> each speaker set's gain
/// and delay -> pre_out and pre_out_NAME. Built on the main thread; everything it needs
/// is allocated in the constructor. A part not in use does no work: pre_out stays
/// bit-exact without a sub, at the identity mix and with set 0 at gain 1 and delay 0.
class Engine {
public:
    /// How long a source switch crossfades.
    static constexpr double kSwitchSeconds = 0.020;

    /// Main thread. Source switches crossfade over kSwitchSeconds at `sample_rate`. `outputs`
    /// says which outputs beside rec_out and pre_out it has (none by default).
    Engine(unsigned sources, unsigned channels, double sample_rate,
           const OutputLayout& outputs = {});

    /// RT thread (or before the first period): jump to `p` with no ramps and cleared
    /// filter memory. Without it the engine starts silent and fades in.
    void reset(const EngineParams& p) noexcept;

    /// RT thread: one period of any length. Never allocates, locks, throws or makes a
    /// syscall.
    void process(const EngineParams& p, const EngineIo& io, std::uint32_t frames) noexcept;

    /// RT thread: readings since the last restart_meters().
    [[nodiscard]] const Meters& meters() const noexcept { return meters_; }
    /// RT thread.
    void restart_meters() noexcept { meters_.restart(); }

    [[nodiscard]] unsigned sources() const noexcept { return sources_; }
    [[nodiscard]] unsigned channels() const noexcept { return channels_; }
    [[nodiscard]] const OutputLayout& outputs() const noexcept { return outputs_; }
    /// True while any ramp or crossfade is under way.
    [[nodiscard]] bool settling() const noexcept;

private:
    void process_block(const EngineIo& io, std::uint32_t offset, std::uint32_t frames) noexcept;
    /// The bass split of the gained pre path `pre`: sub_out, then the mains in place.
    void split_bass(const EngineIo& io, std::uint32_t offset, float* const* pre,
                    std::uint32_t frames) noexcept;

    unsigned sources_;
    unsigned channels_;
    OutputLayout outputs_;
    Selector rec_select_;
    Selector pre_select_;
    ToneStack tone_;
    std::array<Smoother, kMaxChannels> gain_{};
    LinkwitzRiley sub_lowpass_;
    OutputStage sub_stage_;
    LinkwitzRiley mains_highpass_;
    Smoother mains_mix_{}; ///< 0: full range, 1: high-passed
    MonitorMixer mix_;
    std::vector<OutputStage> speakers_; ///< set 0 is pre_out
    std::vector<float> scratch_;        ///< kMaxChannels * kMaxBlock
    /// pre_out's block while it is made (kMaxChannels * kMaxBlock): the port's buffer is
    /// written once, final, so that a client JACK runs while we are late (an xrun) never
    /// reads the selected source before its gain.
    std::vector<float> mains_;
    Meters meters_{};
};

} // namespace preamp::dsp
