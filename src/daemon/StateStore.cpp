// StateStore: keeps preampd's runtime state on disk: restores it at start, saves it a
// moment after a change, on request (SaveState) and at exit.

#include "StateStore.hpp"

#include "Log.hpp"
#include "core/Errors.hpp"
#include "core/FormatNumber.hpp"
#include "core/StateFile.hpp"

#include <filesystem>
#include <utility>

namespace preamp::daemon {
namespace {

using namespace std::chrono_literals;

constexpr auto kSaveDelay = 1000ms;

} // namespace

StateStore::StateStore(EventLoop& loop, std::string path, const core::Settings& settings)
    : path_(std::move(path)), settings_(settings), due_(loop, [this] { (void)try_save(); }) {}

void StateStore::remove_stale_temporaries() const {
    try {
        for (const auto& file : core::StateFile::remove_stale_temporaries(path_))
            log::info("Removed " + file.string() + ", left by a preampd stopped while saving");
    } catch (const std::exception& e) {
        log::warning("Cannot look for stale temporary files beside " + path_ + ": " + e.what());
    }
}

core::State StateStore::fitted(core::State s, const core::Settings& settings) {
    return settings.fitted(std::move(s));
}

void StateStore::restore(core::Settings& settings) const {
    const auto& cfg = settings.config();
    // Every volume, the common one and each remembered one as well as the volume now.
    const auto capped = [&](core::State s) {
        const double max = cfg.volume.startup_max_db;
        if (s.volume_db > max)
            log::info("Starting at volume.startup_max_db (" + core::format_number(max) +
                      " dB), not " + core::format_number(s.volume_db) + " dB");
        for (const auto& [name, db] : s.remembered_db)
            if (db > max && name != s.source)
                log::info("Input " + name + " comes back at volume.startup_max_db (" +
                          core::format_number(max) + " dB), not " + core::format_number(db) +
                          " dB");
        return core::SourceVolumes::capped(std::move(s), max);
    };
    if (cfg.volume.startup == core::Config::Volume::Startup::restore) {
        try {
            if (std::filesystem::exists(path_)) {
                settings.apply(
                    capped(fitted(core::StateFile::read(path_, settings.defaults()), settings)));
                return;
            }
            log::info("No saved state in " + path_ + ": starting from the defaults");
        } catch (const core::StateFileError& e) {
            log::warning(std::string("Ignoring the saved state: ") + e.what()); // names the file
        } catch (const std::exception& e) {
            log::warning("Ignoring the saved state: " + path_ + ": " + e.what());
        }
    }
    settings.apply(capped(settings.defaults()));
}

void StateStore::schedule() {
    if (!due_.armed()) due_.start(kSaveDelay);
}

void StateStore::save() {
    due_.stop();
    try {
        core::StateFile::write(path_, settings_.state());
    } catch (const std::exception& e) {
        log::error(std::string("Cannot save the state: ") + e.what());
        throw core::SaveFailed(e.what());
    }
}

bool StateStore::try_save() noexcept {
    try {
        save();
        return true;
    } catch (const std::exception&) {
        return false; // logged
    }
}

} // namespace preamp::daemon
