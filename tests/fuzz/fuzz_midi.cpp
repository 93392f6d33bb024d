// fuzz_midi: libFuzzer target for what a MIDI controller's bytes reach on the main loop:
// surfaces::MidiParser, then surfaces::MidiSurface on a model with a ceiling, a bypass
// input and every kind of mapping. Any input parses, never throws out of the surface, and
// leaves the model within its ranges and under the selected input's ceiling; the
// feedback is valid MIDI. Seed corpus: tests/fuzz/corpus/midi/. `./dev fuzz` runs it.

#include "surfaces/MidiParser.hpp"
#include "surfaces/MidiSurface.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace {

using namespace preamp;
using M = core::MidiMapping;

core::Config config() {
    core::Config c;
    c.inputs = {{"cd", "CD", 0.0, {}}, {"phono", "Phono", 0.0, {}}, {"tv", "TV", 0.0, {}}};
    c.inputs[1].max_db = -30.0;
    c.inputs[2].bypass = true;
    constexpr auto map = &M::of;
    c.midi.map = {map(M::Trigger::cc, 7, M::Control::volume, M::Mode::absolute),
                  map(M::Trigger::cc, 8, M::Control::balance, M::Mode::absolute),
                  map(M::Trigger::cc, 9, M::Control::bass, M::Mode::absolute),
                  map(M::Trigger::cc, 16, M::Control::volume, M::Mode::relative),
                  map(M::Trigger::note, 1, M::Control::mute, M::Mode::toggle),
                  map(M::Trigger::note, 2, M::Control::loudness, M::Mode::momentary)};
    c.midi.map[1].takeover = false;
    for (unsigned p = 0; p < 3; ++p) {
        M m = map(M::Trigger::program, p, M::Control::source, M::Mode::select);
        m.source = c.inputs[p].name;
        c.midi.map.push_back(m);
    }
    return c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const core::Config cfg = config();
    core::Settings settings(cfg);
    surfaces::MidiSurface surface(cfg.midi,
                                  {[&]() -> const core::Settings& { return settings; },
                                   [&](const auto& f) { f(settings); }, [](const std::string&) {}});
    surfaces::MidiParser parser;
    std::vector<surfaces::MidiMessage> batch;
    for (std::size_t i = 0; i < size; ++i) {
        if (const auto m = parser.feed(data[i])) batch.push_back(*m);
        if (batch.size() == 16 || i + 1 == size) { // a 5 ms drain's worth
            surface.handle(batch);
            batch.clear();
            for (const auto& f : surface.feedback()) {
                const auto b = f.bytes();
                if ((b.data[0] & 0x80) == 0 || (b.data[1] & 0x80) || (b.data[2] & 0x80))
                    std::abort();
            }
            const core::State& s = settings.state();
            if (!settings.bypass() && s.volume_db > settings.volume_ceiling()) std::abort();
            if (!settings.volume_range().contains(s.volume_db)) std::abort();
            if (!settings.bass_range().contains(s.bass_db)) std::abort();
            if (!core::Settings::balance_range().contains(s.balance)) std::abort();
        }
    }
    return 0;
}
