#include "JackClient.hpp"

namespace preamp::test {

JackClient open_jack_client(const std::string& server, const std::string& name,
                            jack_status_t* status) {
    jack_status_t ignored{};
    const auto options = static_cast<jack_options_t>(JackNoStartServer | JackServerName);
    return JackClient(jack_client_open(name.c_str(), options, status != nullptr ? status : &ignored,
                                       server.c_str()));
}

} // namespace preamp::test
