#pragma once

#include <string>

namespace preamp::daemon {

/// Where preampd looks when neither the command line nor the configuration says: under
/// systemd, the directories its unit asks for (ConfigurationDirectory=,
/// StateDirectory=: systemd passes them as $CONFIGURATION_DIRECTORY and
/// $STATE_DIRECTORY, /etc/preampd and /var/lib/preampd for the system service,
/// ~/.config/preampd and ~/.local/state/preampd for the user service); otherwise the
/// build's sysconfdir and localstatedir. Main thread only (reads the environment).
class Paths {
public:
    /// $CONFIGURATION_DIRECTORY/preampd.conf, else SYSCONFDIR/preampd/preampd.conf.
    [[nodiscard]] static std::string config_file();
    /// $STATE_DIRECTORY/state, else LOCALSTATEDIR/lib/preampd/state.
    [[nodiscard]] static std::string state_file();
    /// The build's defaults, whatever the environment says (for --help).
    [[nodiscard]] static std::string built_config_file();
    [[nodiscard]] static std::string built_state_file();
};

} // namespace preamp::daemon
