// InputDevicesConfig: the documented default key map, and the file's changes to it.

#include "InputDevicesConfig.hpp"

#include "Config.hpp"

#include <algorithm>

namespace preamp::core {
namespace {

// linux/input-event-codes.h's numbers (core does not include the kernel's headers).
constexpr unsigned kKeyMute = 113, kKeyVolumeDown = 114, kKeyVolumeUp = 115, kKeyPower = 116;
constexpr unsigned kKey1 = 2; // KEY_1..KEY_9 are 2..10
constexpr unsigned kRelDial = 0x07, kRelWheel = 0x08;

InputMapping of(unsigned type, unsigned code, InputMapping::Action action,
                std::string source = {}) {
    InputMapping m;
    m.type = type;
    m.code = code;
    m.action = action;
    m.source = std::move(source);
    return m;
}

} // namespace

std::vector<InputMapping> InputDevicesConfig::defaults(const std::vector<InputConfig>& inputs) {
    using A = InputMapping::Action;
    constexpr unsigned K = InputMapping::kKey, R = InputMapping::kRel;
    std::vector<InputMapping> m{
        of(K, kKeyVolumeUp, A::volume_up), of(K, kKeyVolumeDown, A::volume_down),
        of(K, kKeyMute, A::mute),          of(K, kKeyPower, A::standby),
        of(R, kRelDial, A::volume),        of(R, kRelWheel, A::volume)};
    for (std::size_t i = 0; i < inputs.size() && i < 9; ++i)
        m.push_back(of(K, kKey1 + static_cast<unsigned>(i), A::source, inputs[i].name));
    return m;
}

std::vector<InputMapping>
InputDevicesConfig::mappings(const std::vector<InputConfig>& inputs) const {
    std::vector<InputMapping> out = defaults(inputs);
    for (const InputMapping& m : map) {
        std::erase_if(out,
                      [&](const InputMapping& d) { return d.type == m.type && d.code == m.code; });
        if (m.action != InputMapping::Action::none) out.push_back(m);
    }
    return out;
}

} // namespace preamp::core
