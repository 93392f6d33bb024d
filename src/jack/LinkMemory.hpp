#pragma once

#include "Session.hpp"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace preamp::jack {

/// Remembers the connections of our ports, including those made by hand in a patchbay,
/// so that they come back after the JACK server restarts or a peer's ports return.
/// A connection is forgotten only when it is seen broken while both its ports exist
/// (someone undid it); a peer that is merely absent keeps its connections. Main thread.
class LinkMemory {
public:
    /// `live`: our connections now; `exists`: whether a port exists now.
    void update(const std::vector<Link>& live,
                const std::function<bool(const std::string&)>& exists);
    /// Everything remembered.
    [[nodiscard]] std::vector<Link> links() const { return {links_.begin(), links_.end()}; }

private:
    std::set<Link> links_;
};

} // namespace preamp::jack
