// InputLink: input devices opened, hot-plugged and read on the main loop.

#include "InputLink.hpp"

#include "Log.hpp"
#include "core/Regex.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace preamp::daemon {
namespace {

constexpr unsigned kDirEvents =
    IN_CREATE | IN_DELETE | IN_ATTRIB | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE_SELF;

std::string input_dir() {
    const char* dir = std::getenv("PREAMPD_INPUT_DIR");
    return dir != nullptr && *dir != '\0' ? dir : "/dev/input";
}

std::string dirname_of(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

// The event* entries of `dir`, by full path.
std::vector<std::string> candidates(const std::string& dir) {
    std::vector<std::string> out;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (const dirent* e = ::readdir(d))
            if (std::strncmp(e->d_name, "event", 5) == 0) out.push_back(dir + "/" + e->d_name);
        ::closedir(d);
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

InputLink::InputLink(EventLoop& loop, dbus::Control& control)
    : loop_(loop), control_(control),
      surface_(control.settings().config(),
               {[this]() -> const core::Settings& { return control_.settings(); },
                [this](const auto& f) { control_.change(f); },
                [](const std::string& w) { log::warning(w); }}),
      repeat_(loop, [this] { on_repeat(); }), start_(loop, [this] { configure(); }),
      dir_(input_dir()) {
    // Once the loop runs: what a device sends then (a recording in a regular file, read
    // at once) comes after the state restore and with the bus served.
    start_.start(std::chrono::microseconds(1));
}

InputLink::~InputLink() {
    stop();
}

void InputLink::stop() {
    while (!devices_.empty())
        close(devices_.back().get(), "");
    if (inotify_) loop_.remove(inotify_.get());
    inotify_.reset();
    watches_.clear();
    failed_.clear();
    repeat_.stop();
}

void InputLink::configure() {
    start_.stop();
    stop();
    const core::Config& cfg = control_.settings().config();
    surface_.configure(cfg);
    enabled_ = cfg.input.enabled;
    if (!enabled_) return;
    inotify_ = core::UniqueFd(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
    if (!inotify_)
        log::warning(std::string("input: no inotify (") + std::strerror(errno) +
                     "): devices plugged in later are not seen");
    else
        loop_.add(inotify_.get(), [this] { on_inotify(); });
    rescan();
}

void InputLink::watch_directories() {
    if (!inotify_) return;
    std::vector<std::string> dirs{dir_};
    for (const std::string& d : control_.settings().config().input.devices)
        if (d.front() == '/') dirs.push_back(dirname_of(d));
    for (const std::string& d : dirs) {
        const bool watched = std::any_of(watches_.begin(), watches_.end(),
                                         [&](const auto& w) { return w.second == d; });
        if (watched) continue;
        const int wd = ::inotify_add_watch(inotify_.get(), d.c_str(), kDirEvents);
        if (wd >= 0) watches_[wd] = d; // else not there yet: the input directory tells
    }
}

void InputLink::rescan() {
    watch_directories();
    for (std::size_t i = devices_.size(); i-- > 0;)
        if (!devices_[i]->still_there()) close(devices_[i].get(), "removed");
    bool regexes = false;
    for (const std::string& d : control_.settings().config().input.devices) {
        if (d.front() == '~')
            regexes = true;
        else
            try_open(d, false);
    }
    if (regexes)
        for (const std::string& path : candidates(dir_))
            try_open(path, true);
}

bool InputLink::wanted_name(const std::string& name) const {
    for (const std::string& d : control_.settings().config().input.devices)
        if (d.front() == '~' && std::regex_search(name, std::regex(d.substr(1)))) return true;
    return false;
}

void InputLink::try_open(const std::string& path, bool want_name) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return; // not there (yet)
    for (const auto& d : devices_)
        if (d->is(st.st_dev, st.st_ino)) return;
    std::unique_ptr<InputDevice> device;
    try {
        device = std::make_unique<InputDevice>(path);
        failed_.erase(path);
    } catch (const std::system_error& e) {
        const int err = e.code().value();
        if (err == ENOENT || err == ENODEV || err == ENXIO) return; // going or not ready
        if (failed_[path] == err) return;                           // said once
        failed_[path] = err;
        if (err == EACCES || err == EPERM)
            log::warning("input: cannot open " + path + ": " + std::strerror(err) +
                         "; the service needs group input (SupplementaryGroups=input and "
                         "DeviceAllow=char-input r, see preampd.conf(5))");
        else
            log::warning("input: cannot open " + path + ": " + std::strerror(err));
        return;
    }
    if (want_name && !wanted_name(device->name())) return; // closed again
    if (control_.settings().config().input.grab) {
        const std::string why = device->grab();
        if (!why.empty()) log::warning("input: cannot grab " + path + ": " + why);
    }
    InputDevice* d = device.get();
    devices_.push_back(std::move(device));
    log::info("input: reading " + path + (d->name() != path ? " (" + d->name() + ")" : "") +
              (d->grabbed() ? ", grabbed" : ""));
    if (d->regular()) {
        read(*d); // epoll takes no regular file: a recording, played once
        return;
    }
    loop_.add(d->fd(), [this, d] { on_readable(d); });
}

void InputLink::read(InputDevice& device) {
    const auto now = surfaces::InputSurface::Clock::now();
    const bool there = device.read([&](const auto& e) { surface_.handle(e, now); });
    arm();
    if (!there && !device.regular()) close(&device, "gone");
}

void InputLink::on_readable(InputDevice* device) {
    read(*device);
    if (std::none_of(devices_.begin(), devices_.end(),
                     [&](const auto& d) { return d.get() == device; }))
        rescan(); // a FIFO whose writer went is opened again for the next one
}

void InputLink::close(InputDevice* device, const std::string& why) {
    const auto it = std::find_if(devices_.begin(), devices_.end(),
                                 [&](const auto& d) { return d.get() == device; });
    if (it == devices_.end()) return;
    if (!device->regular()) loop_.remove(device->fd());
    if (!why.empty()) log::info("input: " + device->path() + " " + why);
    devices_.erase(it);
    surface_.release(); // a key held on it is up
    arm();
}

void InputLink::on_inotify() {
    // What changed hardly matters: every configured device is looked at again. Only a
    // watch that ended (its directory went) is forgotten, to be made again when it is back.
    alignas(inotify_event) std::array<char, 4096> buf{};
    ssize_t n = 0;
    while ((n = ::read(inotify_.get(), buf.data(), buf.size())) > 0)
        for (ssize_t at = 0; at < n;) {
            inotify_event e{};
            std::memcpy(&e, buf.data() + at, sizeof e);
            if ((e.mask & IN_IGNORED) != 0) watches_.erase(e.wd);
            at += static_cast<ssize_t>(sizeof e + e.len);
        }
    rescan();
}

void InputLink::on_repeat() {
    surface_.tick(surfaces::InputSurface::Clock::now());
    arm();
}

void InputLink::arm() {
    const auto deadline = surface_.deadline();
    if (!deadline) {
        repeat_.stop();
        return;
    }
    const auto now = surfaces::InputSurface::Clock::now();
    repeat_.start(
        std::max<std::chrono::nanoseconds>(*deadline - now, std::chrono::microseconds(1)));
}

std::vector<std::string> InputLink::surfaces() const {
    if (!enabled_) return {};
    if (devices_.empty()) return {"input: waiting for a device"};
    std::vector<std::string> out;
    for (const auto& d : devices_)
        out.push_back("input: " + d->path() +
                      (d->name() != d->path() ? " (" + d->name() + ")" : "") +
                      (d->grabbed() ? " grabbed" : ""));
    return out;
}

} // namespace preamp::daemon
