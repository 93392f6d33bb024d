#include "PendingReloads.hpp"

#include <algorithm>

namespace preamp::daemon {

void PendingReloads::add(std::uint64_t token, core::Settings settings, Done done) {
    pending_.push_back({token, std::move(settings), std::move(done)});
}

std::optional<PendingReloads::Reload> PendingReloads::take(std::uint64_t token) {
    while (!pending_.empty() && pending_.front().token < token)
        pending_.pop_front(); // answered already (refused)
    if (pending_.empty() || pending_.front().token != token) return std::nullopt;
    Reload r = std::move(pending_.front());
    pending_.pop_front();
    return r;
}

void PendingReloads::refuse(std::uint64_t token, const std::string& why) {
    const auto it = std::find_if(pending_.begin(), pending_.end(),
                                 [&](const Reload& r) { return r.token == token; });
    if (it == pending_.end()) return;
    const Done done = std::move(it->done);
    pending_.erase(it);
    if (done) done(why);
}

} // namespace preamp::daemon
