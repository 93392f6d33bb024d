// port_names: the short names of preampd's JACK ports for a config.

#include "PortNames.hpp"

namespace preamp::jack::port_names {
namespace {

std::vector<std::string> per_channel(const core::Config& cfg, const std::string& prefix) {
    std::vector<std::string> names;
    for (const auto& ch : cfg.jack.channels)
        names.push_back(prefix + ch);
    return names;
}

} // namespace

std::vector<std::string> inputs(const core::Config& cfg) {
    std::vector<std::string> names;
    for (const auto& in : cfg.inputs)
        for (auto& n : per_channel(cfg, in.name + "_"))
            names.push_back(std::move(n));
    return names;
}

std::vector<std::string> rec(const core::Config& cfg) {
    return per_channel(cfg, "rec_out_");
}

std::vector<std::string> pre(const core::Config& cfg) {
    return per_channel(cfg, "pre_out_");
}

std::vector<std::string> sub(const core::Config& cfg) {
    const unsigned channels = cfg.output_layout().sub_channels;
    if (channels == 0) return {};
    if (channels == 1) return {"sub_out"};
    std::vector<std::string> names = per_channel(cfg, "sub_out_");
    names.resize(std::min<std::size_t>(names.size(), channels));
    return names;
}

std::vector<std::string> speakers(const core::Config& cfg) {
    std::vector<std::string> names;
    for (const auto& sp : cfg.speakers)
        for (auto& n : per_channel(cfg, "pre_out_" + sp.name + "_"))
            names.push_back(std::move(n));
    return names;
}

} // namespace preamp::jack::port_names
