// The Session's ports as the graph outside sees them: their connections (read, made
// again, made from the config's connect lists) and their metadata (names, groups, order).
#include "Client.hpp"
#include "Graph.hpp"
#include "MidiPorts.hpp"
#include "Session.hpp"

#include <algorithm>
#include <jack/metadata.h>

namespace preamp::jack {

namespace {

constexpr const char* kIntegerType = "http://www.w3.org/2001/XMLSchema#integer";

// Our port's full name for a short one.
std::string full(const Client& c, const std::string& short_name) {
    return c.name() + ":" + short_name;
}

// The label people read for a speaker set.
const std::string& label_of(const core::SpeakerConfig& sp) {
    return sp.label.empty() ? sp.name : sp.label;
}

} // namespace

std::vector<Link> Session::links() const {
    std::vector<Link> out;
    const auto add = [&](const std::vector<jack_port_t*>& ports) {
        for (jack_port_t* p : ports)
            for (auto& peer : client_->connections(p))
                out.push_back({jack_port_name(p), peer});
    };
    add(live_->in);
    add(live_->rec);
    add(live_->pre);
    add(live_->sub);
    add(live_->speakers);
    add(midi_ports::all(live_->midi));
    return out;
}

bool Session::owns(const std::string& port) const {
    const std::string prefix = client_->name() + ":";
    if (port.rfind(prefix, 0) != 0) return false;
    const std::string short_name = port.substr(prefix.size());
    for (const auto* names :
         {&in_names_, &rec_names_, &pre_names_, &sub_names_, &speaker_names_, &midi_names_})
        if (std::find(names->begin(), names->end(), short_name) != names->end()) return true;
    return false;
}

void Session::connect(const std::vector<Link>& links) {
    for (const Link& l : links) {
        if (!owns(l.ours)) continue;
        const bool ours_is_input = l.ours == full(*client_, "midi_in") ||
                                   std::find_if(in_names_.begin(), in_names_.end(), [&](auto& n) {
                                       return full(*client_, n) == l.ours;
                                   }) != in_names_.end();
        if (ours_is_input)
            client_->connect(l.peer, l.ours);
        else
            client_->connect(l.ours, l.peer);
    }
}

void Session::auto_connect(const core::Config& cfg) {
    const std::size_t channels = cfg.jack.channels.size();
    const auto owned = [this](const std::string& name) { return owns(name); };
    const auto apply = [&](const std::string& ours, const std::string& target, bool input) {
        client_->connect_entry(full(*client_, ours), target, input, false, owned);
    };
    for (std::size_t s = 0; s < cfg.inputs.size(); ++s)
        for (std::size_t c = 0; c < channels && c < cfg.inputs[s].connect.size(); ++c)
            apply(in_names_[s * channels + c], cfg.inputs[s].connect[c], true);
    for (std::size_t c = 0; c < channels; ++c) {
        if (c < cfg.outputs.pre_out_connect.size())
            apply(pre_names_[c], cfg.outputs.pre_out_connect[c], false);
        if (c < cfg.outputs.rec_out_connect.size())
            apply(rec_names_[c], cfg.outputs.rec_out_connect[c], false);
    }
    for (std::size_t k = 0; k < sub_names_.size() && k < cfg.outputs.sub_out_connect.size(); ++k)
        apply(sub_names_[k], cfg.outputs.sub_out_connect[k], false);
    for (std::size_t i = 0; i < cfg.speakers.size(); ++i)
        for (std::size_t c = 0; c < channels && c < cfg.speakers[i].connect.size(); ++c)
            if (i * channels + c < speaker_names_.size())
                apply(speaker_names_[i * channels + c], cfg.speakers[i].connect[c], false);
    midi_ports::auto_connect(*client_, cfg, live_->midi, owned);
}

bool Session::describe_ports(const core::Config& cfg) {
    int order = 0;
    bool all = true;
    // `ch` empty: a port alone in its group (a mono sub_out), named as the group.
    const auto describe = [&](jack_port_t* port, const std::string& group, const std::string& ch) {
        all &= client_->set_property(port, JACK_METADATA_PRETTY_NAME,
                                     ch.empty() ? group : group + " " + ch);
        all &= client_->set_property(port, JACK_METADATA_PORT_GROUP, group);
        all &=
            client_->set_property(port, JACK_METADATA_ORDER, std::to_string(++order), kIntegerType);
    };
    const std::size_t channels = cfg.jack.channels.size();
    for (std::size_t s = 0; s < cfg.inputs.size(); ++s) {
        const auto& in = cfg.inputs[s];
        const std::string& label = in.label.empty() ? in.name : in.label;
        for (std::size_t c = 0; c < channels; ++c)
            describe(live_->in[s * channels + c], label, cfg.jack.channels[c]);
    }
    for (std::size_t c = 0; c < channels; ++c)
        describe(live_->rec[c], "Rec Out", cfg.jack.channels[c]);
    for (std::size_t c = 0; c < channels; ++c)
        describe(live_->pre[c], "Pre Out", cfg.jack.channels[c]);
    const std::size_t subs = live_->sub.size();
    for (std::size_t k = 0; k < subs; ++k)
        describe(live_->sub[k], "Subwoofer", subs == 1 ? "" : cfg.jack.channels[k]);
    for (std::size_t i = 0; i < cfg.speakers.size(); ++i)
        for (std::size_t c = 0; c < channels && i * channels + c < live_->speakers.size(); ++c)
            describe(live_->speakers[i * channels + c], label_of(cfg.speakers[i]),
                     cfg.jack.channels[c]);
    midi_ports::describe(live_->midi, describe);
    described_ = all;
    return all;
}

} // namespace preamp::jack
