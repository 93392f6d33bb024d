#include "LinkMemory.hpp"

#include <algorithm>

namespace preamp::jack {

void LinkMemory::update(const std::vector<Link>& live,
                        const std::function<bool(const std::string&)>& exists) {
    const std::set<Link> now(live.begin(), live.end());
    std::erase_if(links_, [&](const Link& l) {
        return !now.contains(l) && exists(l.ours) && exists(l.peer);
    });
    links_.insert(now.begin(), now.end());
}

} // namespace preamp::jack
