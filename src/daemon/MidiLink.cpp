// MidiLink: the JACK MIDI control surface on the main loop.

#include "MidiLink.hpp"

#include "Log.hpp"

#include <algorithm>
#include <array>

namespace preamp::daemon {
namespace {

using namespace std::chrono_literals;

constexpr auto kTick = 5ms;
constexpr unsigned kLinkTicks = 50; // the connections every 250 ms

std::string peers(const char* port, const std::vector<std::string>& p) {
    std::string s = std::string(port) + (p.empty() ? " not connected" : " connected to ");
    for (std::size_t i = 0; i < p.size(); ++i)
        s += (i ? ", " : "") + p[i];
    return s;
}

} // namespace

MidiLink::MidiLink(EventLoop& loop, core::MidiExchange& exchange, const JackLink& jack,
                   dbus::Control& control)
    : exchange_(exchange), jack_(jack), control_(control),
      surface_(control.settings().config().midi,
               {[this]() -> const core::Settings& { return control_.settings(); },
                [this](const auto& f) { control_.change(f); },
                [](const std::string& w) { log::warning(w); }}),
      tick_(loop, [this] { on_tick(); }) {
    configure();
}

void MidiLink::configure() {
    const core::MidiConfig& midi = control_.settings().config().midi;
    surface_.configure(midi);
    parser_.reset();
    if (midi.enabled && !enabled_) tick_.start(kTick, kTick);
    if (!midi.enabled && enabled_) tick_.stop();
    enabled_ = midi.enabled;
    if (!enabled_) {
        in_peers_.clear();
        out_peers_.clear();
        std::array<std::uint8_t, core::RecordRing::kMaxRecord> event{};
        while (exchange_.in.pop(event.data()) != 0) {
            // what came before midi went off is not acted on when it comes back
        }
    }
}

void MidiLink::jack_started() {
    surface_.forget_shown();
}

void MidiLink::on_tick() {
    std::vector<surfaces::MidiMessage> batch;
    std::array<std::uint8_t, core::RecordRing::kMaxRecord> event{};
    while (const std::size_t n = exchange_.in.pop(event.data())) {
        parser_.reset(); // a JACK MIDI event is whole: no running status across events
        for (std::size_t i = 0; i < n; ++i)
            if (const auto m = parser_.feed(event[i])) batch.push_back(*m);
    }
    if (!batch.empty()) surface_.handle(batch);
    for (const surfaces::MidiMessage& m : surface_.feedback()) {
        const auto b = m.bytes();
        exchange_.out.push(b.data.data(), b.size);
    }
    if (++ticks_ % kLinkTicks == 0) follow_links();
}

void MidiLink::follow_links() {
    // Only midi_in's: feedback that does not fit (while JACK is away and nothing drains
    // it) is not missed, as a new session is sent the whole state (jack_started()).
    const std::uint64_t dropped = exchange_.in.dropped();
    if (dropped != dropped_)
        log::warning("MIDI: " + std::to_string(dropped - dropped_) +
                     " events dropped: more came than the queue holds between two reads");
    dropped_ = dropped;
    std::vector<std::string> in, out;
    for (const jack::Link& l : jack_.remembered()) {
        const auto colon = l.ours.rfind(':');
        const std::string port = colon == std::string::npos ? l.ours : l.ours.substr(colon + 1);
        if (port == "midi_in") in.push_back(l.peer);
        if (port == "midi_out") out.push_back(l.peer);
    }
    const bool new_peer = std::any_of(out.begin(), out.end(), [&](const std::string& p) {
        return std::find(out_peers_.begin(), out_peers_.end(), p) == out_peers_.end();
    });
    if (new_peer) surface_.forget_shown(); // a controller just plugged in shows nothing yet
    in_peers_ = std::move(in);
    out_peers_ = std::move(out);
}

std::vector<std::string> MidiLink::surfaces(bool jack_running) const {
    if (!enabled_) return {};
    if (!jack_running) return {"midi: waiting for JACK"};
    return {"midi: " + peers("midi_in", in_peers_) + "; " + peers("midi_out", out_peers_)};
}

} // namespace preamp::daemon
