#pragma once

#include "EventLoop.hpp"
#include "InputDevice.hpp"
#include "core/UniqueFd.hpp"
#include "dbus/Control.hpp"
#include "surfaces/InputSurface.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace preamp::daemon {

/// Linux input devices as a control surface, on the main loop: opens the devices of the
/// `input` group (paths, or "~regex" on the names of the event* devices of the input
/// directory) when they appear, grabs them with input.grab, reads their events in the
/// epoll set and hands them to surfaces::InputSurface, whose changes go through
/// `control` as a D-Bus client's do. Hot-plug: inotify on the input directory (and the
/// directories of the configured paths, such as by-id); a device that goes (ENODEV, a
/// read error, removed, a FIFO's writer gone) is closed and waited for again.
///
/// The input directory is /dev/input, or $PREAMPD_INPUT_DIR (for the tests, which put
/// FIFOs standing in for devices in a directory of their own). Main thread only.
class InputLink {
public:
    InputLink(EventLoop& loop, dbus::Control& control);
    ~InputLink();
    InputLink(const InputLink&) = delete;
    InputLink& operator=(const InputLink&) = delete;

    /// The running configuration's input group (once the loop runs, and after a reload):
    /// every device is closed and those configured opened anew.
    void configure();
    /// For the D-Bus property Surfaces: "input: /dev/input/event3 (flirc) grabbed" for
    /// each open device, or "input: waiting for a device"; empty with input off.
    [[nodiscard]] std::vector<std::string> surfaces() const;

private:
    void stop();
    /// Watches the input directory and the configured paths' directories (again: one
    /// may have appeared), closes devices that went, opens those that came.
    void rescan();
    void watch_directories();
    /// Opens `path` unless it is open; `want_name`: only a device whose name matches one
    /// of the regular expressions (a candidate of the input directory).
    void try_open(const std::string& path, bool want_name);
    [[nodiscard]] bool wanted_name(const std::string& name) const;
    void on_inotify();
    void on_readable(InputDevice* device);
    void close(InputDevice* device, const std::string& why);
    /// Runs the surface's repeats and arms the timer for the next.
    void on_repeat();
    void arm();
    void read(InputDevice& device);

    EventLoop& loop_;
    dbus::Control& control_;
    surfaces::InputSurface surface_;
    Timer repeat_;
    Timer start_; // the first configure(), from the loop
    std::string dir_;
    bool enabled_ = false;
    core::UniqueFd inotify_;
    std::map<int, std::string> watches_; // inotify watch → directory
    std::vector<std::unique_ptr<InputDevice>> devices_;
    std::map<std::string, int> failed_; // path → the errno last logged for it
};

} // namespace preamp::daemon
