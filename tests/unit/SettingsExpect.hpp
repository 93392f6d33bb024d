#pragma once
// The model's tests (test_settings, test_settings_outputs, test_engine_params): the
// configs they start from, and a change refused as it should be.

#include "core/Config.hpp"
#include "core/Settings.hpp"

#include <functional>
#include <gtest/gtest.h>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace preamp::core::test {

/// One input, "cd" ("CD Player"), everything else at its defaults.
inline Config one_input() {
    Config cfg;
    cfg.inputs = {{"cd", "CD Player", 0.0, {}}};
    return cfg;
}

/// one_input() with bass management at its defaults and the speaker sets `sets`.
inline Config with_outputs(std::vector<SpeakerConfig> sets) {
    Config cfg = one_input();
    cfg.bass_management.emplace();
    cfg.speakers = std::move(sets);
    return cfg;
}

/// `f` must throw E with a message containing every one of `parts`, and leave the
/// state alone.
template <class E>
void expect_refused(Settings& s, const std::function<void()>& f,
                    std::initializer_list<const char*> parts) {
    const State before = s.state();
    try {
        f();
        ADD_FAILURE() << "accepted";
    } catch (const E& e) {
        for (const char* p : parts)
            EXPECT_NE(std::string(e.what()).find(p), std::string::npos) << e.what();
    }
    EXPECT_EQ(s.state(), before) << "a refused change changed something";
}

} // namespace preamp::core::test
