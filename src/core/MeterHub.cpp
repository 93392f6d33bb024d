#include "MeterHub.hpp"

#include <algorithm>

namespace preamp::core {
namespace {

/// Calls f(a's channel, b's channel) for every channel meter of two Meters, side by side.
template <class A, class B, class F>
void pairwise(A& a, B& b, F f) {
    const auto side = [&](auto& x, auto& y) {
        for (std::size_t i = 0; i < x.size(); ++i)
            f(x[i], y[i]);
    };
    side(a.in, b.in);
    side(a.rec, b.rec);
    side(a.pre, b.pre);
    side(a.sub, b.sub);
    side(a.speakers, b.speakers);
}

/// Calls f(channel) for every channel meter of `m`.
template <class F>
void each(dsp::Meters& m, F f) {
    pairwise(m, m, [&](dsp::ChannelMeter& c, const dsp::ChannelMeter&) { f(c); });
}

/// Adds reading `r` (clips from the first reading on) to interval `into`.
void add(dsp::Meters& into, const dsp::Meters& r) {
    pairwise(into, r, [](dsp::ChannelMeter& i, const dsp::ChannelMeter& c) {
        i.peak = std::max(i.peak, c.peak);
        i.sum_squares += c.sum_squares;
        i.clips = c.clips;
    });
    into.frames += r.frames;
    into.engine = r.engine;
    into.interval = r.interval;
}

/// `m` with its peaks and sums at zero (a new interval); the clips stay.
dsp::Meters emptied(dsp::Meters m) {
    each(m, [](dsp::ChannelMeter& c) {
        c.peak = 0.0f;
        c.sum_squares = 0.0;
    });
    m.frames = 0;
    return m;
}

} // namespace

bool MeterHub::fold(const dsp::Meters& m) {
    if (any_ && m.engine == raw_.engine && m.interval == raw_.interval) return false;
    if (any_ && m.engine != raw_.engine) {
        // A new engine counts from 0: what the old one counted (since restart_clips())
        // carries on in the base.
        pairwise(offset_, raw_, [](dsp::ChannelMeter& o, const dsp::ChannelMeter& r) {
            o.clips = r.clips - std::min(r.clips, o.clips);
        });
        pairwise(base_, offset_, [](dsp::ChannelMeter& b, const dsp::ChannelMeter& counted) {
            b.clips += counted.clips;
        });
        each(offset_, [](dsp::ChannelMeter& o) { o.clips = 0; });
    }
    raw_ = m;
    latest_ = m;
    pairwise(latest_, base_, [](dsp::ChannelMeter& l, const dsp::ChannelMeter& b) {
        l.clips += b.clips;
    });
    pairwise(latest_, offset_, [](dsp::ChannelMeter& l, const dsp::ChannelMeter& o) {
        l.clips -= std::min(l.clips, o.clips);
    });
    for (auto& [name, reader] : readers_)
        add(reader.since, latest_);
    any_ = true;
    return true;
}

dsp::Meters MeterHub::read(const std::string& reader, Clock::time_point now) {
    forget_idle(now);
    auto it = readers_.find(reader);
    if (it == readers_.end()) {
        if (readers_.size() >= kMaxReaders)
            readers_.erase(std::min_element(readers_.begin(), readers_.end(),
                                            [](const auto& a, const auto& b) {
                                                return a.second.last_read < b.second.last_read;
                                            }));
        it = readers_.emplace(reader, Reader{latest_, now}).first;
    }
    const dsp::Meters out = it->second.since;
    it->second.since = emptied(out);
    it->second.last_read = now;
    return out;
}

void MeterHub::restart_clips() {
    // What the running engine counted so far no longer counts; the base neither.
    base_ = dsp::Meters{};
    offset_ = raw_;
    each(latest_, [](dsp::ChannelMeter& l) { l.clips = 0; });
    for (auto& [name, reader] : readers_)
        each(reader.since, [](dsp::ChannelMeter& c) { c.clips = 0; });
}

void MeterHub::forget_idle(Clock::time_point now) {
    std::erase_if(readers_, [&](const auto& r) { return now - r.second.last_read > kForgetAfter; });
}

} // namespace preamp::core
