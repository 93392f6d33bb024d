#pragma once

#include "Session.hpp"

#include <set>
#include <string>
#include <vector>

namespace preamp::jack {

/// Remembers the connections of our ports, including those made by hand in a patchbay,
/// so that they come back when the JACK server restarts. While a session runs, the
/// memory follows the graph: a connection that goes (undone by hand, or its peer's
/// client closed) is forgotten, as JACK itself forgets it, so that another client that
/// later takes the same port name never inherits it. When a session ends (the server
/// went away, or a reload replaced the client), everything remembered waits until it is
/// seen connected again, however late its peer comes back. Main thread.
class LinkMemory {
public:
    /// `live`: our connections now.
    void update(const std::vector<Link>& live);
    /// The session ended: what is remembered is to be restored, not forgotten.
    void session_ended();
    /// Takes over what another process remembered (a preampd started anew): to be
    /// restored, as after session_ended().
    void restore(const std::vector<Link>& links);
    /// Everything remembered.
    [[nodiscard]] std::vector<Link> links() const { return {links_.begin(), links_.end()}; }

private:
    std::set<Link> links_;
    std::set<Link> waiting_; ///< remembered from an ended session, not seen connected since
};

} // namespace preamp::jack
