#pragma once

#include "TripleBuffer.hpp"
#include "dsp/Engine.hpp"

#include <atomic>
#include <cstdint>

namespace preamp::core {

/// Carries the engine's meters from the RT thread to the control side, and the control
/// side's "I have read them, start a new interval" back, without either side waiting.
class MeterExchange {
public:
    /// RT thread, before Engine::process: start a new interval if a reading was taken.
    void begin_period(dsp::Engine& engine) noexcept {
        const std::uint32_t taken = taken_.load(std::memory_order_acquire);
        if (taken != seen_) {
            seen_ = taken;
            engine.restart_meters();
        }
    }
    /// RT thread, after Engine::process.
    void publish(const dsp::Engine& engine) noexcept { slot_.write(engine.meters()); }

    /// Main thread: the newest readings, covering the time since the previous take().
    [[nodiscard]] dsp::Meters take() noexcept {
        const dsp::Meters m = slot_.read();
        taken_.fetch_add(1, std::memory_order_acq_rel);
        return m;
    }

private:
    TripleBuffer<dsp::Meters> slot_;
    std::atomic<std::uint32_t> taken_{0};
    std::uint32_t seen_ = 0; // RT thread's
};

/// 20 log10(x), with silence as -inf.
[[nodiscard]] double to_dbfs(double linear) noexcept;

} // namespace preamp::core
