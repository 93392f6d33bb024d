#pragma once
// The assertions of preampctl's grammar tests (test_ctl_grammar, test_ctl_options): a
// command line refused with a UsageError that says what it should.

#include "ctl/Command.hpp"
#include "ctl/UsageError.hpp"

#include <gtest/gtest.h>
#include <initializer_list>
#include <string>
#include <vector>

namespace preamp::ctl::test {

using Args = std::vector<std::string>;

/// `f` must throw UsageError with a message containing every one of `parts`.
template <class F>
void expect_usage_error(F f, std::initializer_list<const char*> parts) {
    try {
        f();
        ADD_FAILURE() << "accepted";
    } catch (const UsageError& e) {
        for (const char* p : parts)
            EXPECT_NE(std::string(e.what()).find(p), std::string::npos)
                << "\"" << p << "\" not in: " << e.what();
    }
}

/// parse(args) must throw UsageError with a message containing every one of `parts`.
inline void expect_refused(const Args& args, std::initializer_list<const char*> parts) {
    expect_usage_error([&] { (void)parse(args); }, parts);
}

} // namespace preamp::ctl::test
