#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace preamp::test {

/// Sample `frame` of a signal to play; frame 0 is the first one played. An empty function
/// is silence. Called on the RT thread: it must not allocate, lock or block.
using Waveform = std::function<float(std::uint64_t frame)>;

/// amplitude · sin(2π · freq · frame / rate + phase).
struct Sine {
    double freq = 1000.0;
    double amplitude = 0.5;
    double phase = 0.0;
};

[[nodiscard]] Waveform sine_wave(Sine sine, double rate);

/// What one output port plays: the main thread publishes a Waveform, the RT thread
/// picks it up at the start of its next period, lock-free. A replaced Waveform is freed
/// once the RT thread can no longer be using it.
class WaveformSlot {
public:
    WaveformSlot() = default;
    ~WaveformSlot();
    WaveformSlot(const WaveformSlot&) = delete;
    WaveformSlot& operator=(const WaveformSlot&) = delete;

    /// Main thread only: play `wave` from its frame 0 from the next period on. `period`
    /// is the count of periods the RT thread has finished (see collect()).
    void publish(Waveform wave, std::uint64_t period);
    /// Main thread only: frees the Waveforms replaced more than one period before `period`.
    void collect(std::uint64_t period);
    /// RT thread only: writes the next `frames` samples to `out`.
    void render(float* out, std::uint32_t frames) noexcept;

private:
    struct Entry {
        Waveform wave;
        std::uint64_t generation;
    };

    std::atomic<const Entry*> published_{nullptr};
    std::unique_ptr<Entry> live_; ///< owns *published_
    std::vector<std::pair<std::unique_ptr<Entry>, std::uint64_t>> retired_;
    std::uint64_t generations_ = 0;
    // RT thread only:
    std::uint64_t playing_ = 0; ///< generation of the Entry playing; 0: silence
    std::uint64_t frame_ = 0;
};

} // namespace preamp::test
