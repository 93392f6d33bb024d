#pragma once

#include <jack/jack.h>
#include <memory>
#include <string>

namespace preamp::test {

struct JackClientCloser {
    void operator()(jack_client_t* client) const noexcept { jack_client_close(client); }
};

/// An open JACK client, closed when it goes.
using JackClient = std::unique_ptr<jack_client_t, JackClientCloser>;

/// Opens client `name` on the JACK server `server`, never starting one; null (and the
/// reason in `status`) when it cannot.
JackClient open_jack_client(const std::string& server, const std::string& name,
                            jack_status_t* status = nullptr);

} // namespace preamp::test
