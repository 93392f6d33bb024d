#include "LinkMemory.hpp"

namespace preamp::jack {

void LinkMemory::update(const std::vector<Link>& live) {
    const std::set<Link> now(live.begin(), live.end());
    for (const Link& l : now)
        waiting_.erase(l);
    std::erase_if(links_, [&](const Link& l) { return !now.contains(l) && !waiting_.contains(l); });
    links_.insert(now.begin(), now.end());
}

void LinkMemory::restore(const std::vector<Link>& links) {
    links_.insert(links.begin(), links.end());
    waiting_ = links_;
}

void LinkMemory::session_ended() {
    waiting_ = links_;
}

} // namespace preamp::jack
