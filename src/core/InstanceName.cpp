#include "InstanceName.hpp"

#include <algorithm>

namespace preamp::core {

bool valid_instance_name(std::string_view name) noexcept {
    const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    return !name.empty() && name.size() <= 32 && lower(name.front()) &&
           std::all_of(name.begin(), name.end(), [&](char c) {
               return lower(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
           });
}

std::string instance_name(const std::string& name, std::string_view instance) {
    return instance.empty() ? name : name + "-" + std::string(instance);
}

} // namespace preamp::core
